#!/usr/bin/env python3
"""Independent reference for SeededGenerator (Sources/PersonasNumerics/Random.swift).

xoshiro256** (Blackman & Vigna, 2018) seeded through SplitMix64, written from the published
algorithms. Writes random_reference.json beside this script.
Run: python3 Tests/Fixtures/numerics/make_random_reference.py
"""
import json
from pathlib import Path

M = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro(seed, stream=0):
    mixer = splitmix64(seed ^ ((stream * 0xD1B54A32D192ED03) & M))
    next(mixer)
    s = [next(mixer) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def first(seed, stream, count):
    g = xoshiro(seed, stream)
    return [str(next(g)) for _ in range(count)]


cases = [
    {"seed": 1, "stream": 0, "values": first(1, 0, 5)},
    {"seed": 20251122, "stream": 3, "values": first(20251122, 3, 5)},
    {"seed": 0, "stream": 0, "values": first(0, 0, 5)},
]
out = Path(__file__).with_name("random_reference.json")
out.write_text(json.dumps({"generator": "xoshiro256** seeded by SplitMix64", "cases": cases}, indent=1) + "\n")
print("wrote", out)
