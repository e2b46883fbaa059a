#!/usr/bin/env python3
"""Where a flight recording's CPU samples go: the top frames and the packages on the stack.

    bench/hot-methods.py bench/target/scenario1.jfr [top]

Reads `jfr print --json --events jdk.ExecutionSample` (JDK 17 has no `jfr view`). For each sample it counts its top
frame (self time) and every distinct package prefix of interest on its stack (inclusive time), and prints the shares.
"""
import collections
import json
import subprocess
import sys

AREAS = [
    ("our code", "com.agentmarket."),
    ("PostgreSQL JDBC", "org.postgresql."),
    ("MP-JWT / jose4j", "org.jose4j."),
    ("MP-JWT (Liberty)", "com.ibm.ws.security.mp.jwt"),
    ("Liberty security", "com.ibm.ws.security."),
    ("RESTEasy", "org.jboss.resteasy."),
    ("Weld (CDI)", "org.jboss.weld."),
    ("Yasson / JSON-B", "org.eclipse.yasson."),
    ("Parsson / JSON-P", "org.eclipse.parsson."),
    ("MP Config", "io.smallrye.config."),
    ("MP Metrics", "io.smallrye.metrics."),
    ("MP Telemetry", "io.opentelemetry."),
    ("Liberty web container", "com.ibm.ws.webcontainer."),
    ("Liberty HTTP channel", "com.ibm.ws.http."),
    ("Liberty TCP channel", "com.ibm.ws.tcpchannel."),
    ("Liberty JDBC pool", "com.ibm.ws.rsadapter."),
    ("Liberty connection manager", "com.ibm.ejs.j2c."),
    ("Liberty transactions", "com.ibm.tx."),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path], check=True,
                         capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_time = collections.Counter()
    inclusive = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
        if names:
            self_time[names[0]] += 1
        seen = set()
        for name in names:
            for area, prefix in AREAS:
                if name.startswith(prefix) and area not in seen:
                    seen.add(area)
                    inclusive[area] += 1
    total = len(events)
    print(f"{total} samples")
    print("\ninclusive (share of samples with the area anywhere on the stack):")
    for area, count in inclusive.most_common():
        print(f"  {100 * count / total:5.1f} %  {area}")
    print(f"\ntop {top} frames (self):")
    for name, count in self_time.most_common(top):
        print(f"  {100 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
