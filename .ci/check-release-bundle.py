"""Checks a Maven Central bundle: every published module has its jar (unless a POM-only module), its POM with a
license, SCM, URL and description, and its sources and javadoc jars, each with its checksums; the sample and the
benchmarks are not in it.

Usage: python3 .ci/check-release-bundle.py BUNDLE.zip VERSION
"""
import sys
import xml.etree.ElementTree as ET
import zipfile

GROUP = "dev/upgraderequired"
JARS = ("upgrade-required-autoconfigure", "upgrade-required-starter")
POMS = ("upgrade-required-parent", "upgrade-required-bom")
NEVER = ("sample-app", "upgrade-required-benchmarks")
NS = {"m": "http://maven.apache.org/POM/4.0.0"}

bundle, version = sys.argv[1], sys.argv[2]
names = set(zipfile.ZipFile(bundle).namelist())
problems = []


def need(path):
    for suffix in ("", ".md5", ".sha1"):
        if path + suffix not in names:
            problems.append(f"missing {path + suffix}")


for artifact in JARS + POMS:
    base = f"{GROUP}/{artifact}/{version}/{artifact}-{version}"
    need(base + ".pom")
    if artifact in JARS:
        for classifier in ("", "-sources", "-javadoc"):
            need(base + classifier + ".jar")
    if base + ".pom" in names:
        pom = ET.fromstring(zipfile.ZipFile(bundle).read(base + ".pom"))
        for element in ("m:url", "m:description", "m:licenses/m:license/m:name", "m:scm/m:url",
                        "m:scm/m:connection", "m:developers/m:developer/m:name"):
            if not (pom.findtext(element, namespaces=NS) or "").strip():
                problems.append(f"{artifact}: the POM has no {element.replace('m:', '')}")
        if pom.findtext("m:licenses/m:license/m:name", namespaces=NS) != "Apache License, Version 2.0":
            problems.append(f"{artifact}: the POM's license is not the Apache License, Version 2.0")
for artifact in NEVER:
    if any(name.startswith(f"{GROUP}/{artifact}/") for name in names):
        problems.append(f"{artifact} is in the bundle, but is never published")

for problem in problems:
    print("FAIL  " + problem)
if problems:
    sys.exit(1)
print(f"ok    {bundle}: {', '.join(JARS + POMS)} {version}, each with its POM (license, SCM, URL)"
      + ", jars with sources and javadoc")
