"""Checks a Maven Central bundle: it holds exactly the published modules; each has its POM, flattened (its version,
no parent, nothing left to interpolate) with a description, URL, license, SCM, organization, maintainers and issue
tracker, and each jar module its jar, sources and javadoc jars; every file has its checksums.

Usage: python3 .ci/check-release-bundle.py BUNDLE.zip VERSION
"""
import sys
import xml.etree.ElementTree as ET
import zipfile

GROUP = "dev/upgraderequired"
JARS = ("upgrade-required-autoconfigure", "upgrade-required-starter", "upgrade-required-client",
        "upgrade-required-test", "upgrade-required-gateway")
POMS = ("upgrade-required-bom",)
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
REQUIRED = ("m:description", "m:url", "m:licenses/m:license/m:name", "m:licenses/m:license/m:url", "m:scm/m:url",
            "m:scm/m:connection", "m:organization/m:name", "m:developers/m:developer/m:name",
            "m:issueManagement/m:url")

bundle, version = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(bundle) as archive:
    contents = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
problems = []
expected = set()
for artifact in JARS + POMS:
    base = f"{GROUP}/{artifact}/{version}/{artifact}-{version}"
    files = [base + ".pom"] + ([base + suffix + ".jar" for suffix in ("", "-sources", "-javadoc")]
                               if artifact in JARS else [])
    for file in files:
        expected.update(file + checksum for checksum in ("", ".md5", ".sha1", ".sha256", ".sha512"))
        if file not in contents:
            problems.append(f"missing {file}")
    if base + ".pom" not in contents:
        continue
    text = contents[base + ".pom"].decode("utf-8")
    pom = ET.fromstring(text)
    if "${" in text:
        problems.append(f"{artifact}: the POM has an uninterpolated expression")
    if pom.find("m:parent", NS) is not None:
        problems.append(f"{artifact}: the POM names a parent")
    if pom.findtext("m:version", namespaces=NS) != version:
        problems.append(f"{artifact}: the POM's version is not {version}")
    for element in REQUIRED:
        if not (pom.findtext(element, namespaces=NS) or "").strip():
            problems.append(f"{artifact}: the POM has no {element.replace('m:', '')}")
    if pom.findtext("m:licenses/m:license/m:name", namespaces=NS) != "Apache License, Version 2.0":
        problems.append(f"{artifact}: the POM's license is not the Apache License, Version 2.0")
problems += [f"unexpected {name}" for name in sorted(set(contents) - expected)]

for problem in problems:
    print("FAIL  " + problem)
if problems:
    sys.exit(1)
print(f"ok    {bundle}: {', '.join(JARS + POMS)} {version}, each with its flattened POM (license, SCM, URL), the jars"
      " with sources and javadoc, every file with its checksums, nothing else")
