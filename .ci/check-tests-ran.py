#!/usr/bin/env python3
"""check-tests-ran.py: after `./mvnw verify`, fails if a test class of any module did not run.

A test class is a concrete class under src/test/java with a JUnit Jupiter or jqwik test method (@Test,
@ParameterizedTest, @RepeatedTest, @TestFactory, @Property, @Example) of its own or from the abstract classes it
extends; it ran if Surefire wrote its report (target/surefire-reports/TEST-<class>.xml) with at least one test.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEST_METHOD = re.compile(r"^\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|Property|Example)\b", re.M)
DECLARATION = re.compile(r"^(?:public\s+)?(abstract\s+)?(?:final\s+)?class\s+(\w+)(?:<[^>]*>)?(?:\s+extends\s+(\w+))?",
                         re.M)

classes = {}
for source in sorted(ROOT.glob("*/src/test/java/**/*.java")):
    text = source.read_text(encoding="utf-8")
    declaration = DECLARATION.search(text)
    if declaration is None:
        continue
    module = source.parts[len(ROOT.parts)]
    name = ".".join(source.relative_to(ROOT / module / "src/test/java").with_suffix("").parts)
    classes[declaration.group(2)] = (module, name, declaration.group(1) is not None, declaration.group(3),
                                     TEST_METHOD.search(text) is not None)


def has_tests(simple_name):
    seen = set()
    while simple_name in classes and simple_name not in seen:
        seen.add(simple_name)
        _, _, _, parent, own = classes[simple_name]
        if own:
            return True
        simple_name = parent
    return False


missing, counted = [], 0
for simple_name, (module, name, abstract, _, _) in sorted(classes.items()):
    if abstract or not has_tests(simple_name):
        continue
    report = ROOT / module / "target/surefire-reports" / f"TEST-{name}.xml"
    tests = int(ET.parse(report).getroot().get("tests", "0")) if report.exists() else 0
    if tests == 0:
        missing.append(f"{module}: {name}")
    counted += 1
if missing:
    print("Test classes that did not run:\n  " + "\n  ".join(missing))
    sys.exit(1)
print(f"Every test class ran: {counted} classes")
