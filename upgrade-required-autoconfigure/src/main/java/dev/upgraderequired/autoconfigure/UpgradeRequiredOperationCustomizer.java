package dev.upgraderequired.autoconfigure;

import dev.upgraderequired.ProtocolRequirement;
import dev.upgraderequired.core.UpgradePolicy;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;

import org.springframework.web.method.HandlerMethod;

/**
 * Documents, in the OpenAPI document that springdoc-openapi generates, the {@code 426} that every operation with a
 * requirement can answer: its {@code application/problem+json} body (the shared schema {@value #SCHEMA}), its
 * {@code Upgrade} header and an extension {@value #EXTENSION} naming the requirement. Operations without a
 * requirement are left as they are. Global, so that every group of a {@code GroupedOpenApi} gets it.
 *
 * @author upgrade-required
 */
final class UpgradeRequiredOperationCustomizer implements GlobalOperationComponentsCustomizer {

	static final String SCHEMA = "UpgradeRequiredProblem";

	static final String EXTENSION = "x-requires-protocol";

	static final String ROLLOUT_EXTENSION = "x-requires-protocol-rollout";

	private static final String STATUS = "426";

	private final UpgradePolicy policy;

	UpgradeRequiredOperationCustomizer(UpgradePolicy policy) {
		this.policy = policy;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		return customize(operation, null, handlerMethod);
	}

	@Override
	public Operation customize(Operation operation, @Nullable Components components, HandlerMethod handlerMethod) {
		ProtocolRequirement requirement = this.policy.index().documentedRequirementOf(handlerMethod);
		if (requirement.isNone()) {
			return operation;
		}
		Schema<?> schema;
		if (components != null) {
			if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
				components.addSchemas(SCHEMA, problemSchema());
			}
			schema = new Schema<>().$ref("#/components/schemas/" + SCHEMA);
		}
		else {
			schema = problemSchema();
		}
		ApiResponse response = new ApiResponse()
			.description("Upgrade Required: this operation is only served over " + requirement
					+ ". The problem's detail says what to change, upgrade lists the protocols to switch to and "
					+ "httpsUrl, when TLS is missing, where to repeat the request.")
			.addHeaderObject("Upgrade", new Header()
				.description("The protocols to switch to, in descending preference (HTTP/1.x responses only).")
				.schema(new StringSchema().example(String.join(", ", requirement.upgradeTokens()))))
			.content(new Content().addMediaType("application/problem+json",
					new io.swagger.v3.oas.models.media.MediaType().schema(schema)));
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		operation.getResponses().addApiResponse(STATUS, response);
		operation.addExtension(EXTENSION, requirement.toString());
		String rollout = this.policy.index().documentedRolloutOf(handlerMethod);
		if (rollout != null) {
			operation.addExtension(ROLLOUT_EXTENSION, rollout);
		}
		return operation;
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem: why the request was refused and what to do.")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema().example("Upgrade Required"))
			.addProperty("status", new IntegerSchema().example(426))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("upgrade", new ArraySchema().items(new StringSchema())
				.description("The protocols to switch to, as in the Upgrade header."))
			.addProperty("httpsUrl", new StringSchema().format("uri")
				.description("Where to repeat the request over TLS, when TLS is missing and the HTTPS port is known."));
	}

}
