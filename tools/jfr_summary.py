#!/usr/bin/env python3
"""Summarizes the CPU samples of a JFR recording: self time per method and time per frame seen
anywhere on the stack (inclusive), optionally only for stacks through a given method.

  tools/jfr_summary.py FILE.jfr [--jfr PATH_TO_jfr] [--top N] [--through SUBSTRING] [--depth N]
"""
import argparse, collections, json, shutil, subprocess, sys

def frames_of(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f["method"]
        out.append(m["type"]["name"].split(".")[-1] + "." + m["name"])
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--jfr", default=shutil.which("jfr") or "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--through", default=None, help="keep only stacks with a frame containing this")
    ap.add_argument("--depth", type=int, default=64)
    a = ap.parse_args()
    raw = subprocess.run([a.jfr, "print", "--json", "--stack-depth", str(a.depth), "--events",
                          "jdk.ExecutionSample", a.file], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    selfc, incl, threads = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for e in events:
        fr = frames_of(e)
        if not fr or (a.through and not any(a.through in f for f in fr)):
            continue
        n += 1
        thread = (e["values"].get("sampledThread") or {}).get("javaName", "?")
        threads[thread.rstrip("0123456789")] += 1
        selfc[fr[0]] += 1
        for f in set(fr):
            incl[f] += 1
    print(f"{n} samples" + (f" through {a.through}" if a.through else ""))
    print("threads:", ", ".join(f"{t} {c * 100 / n:.0f}%" for t, c in threads.most_common(6)))
    print("\nself:")
    for m, c in selfc.most_common(a.top):
        print(f"  {c * 100 / n:5.1f}%  {m}")
    print("\ninclusive:")
    for m, c in incl.most_common(a.top):
        print(f"  {c * 100 / n:5.1f}%  {m}")

if __name__ == "__main__":
    sys.exit(main())
