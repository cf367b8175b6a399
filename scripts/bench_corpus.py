#!/usr/bin/env python3
"""Writes the manifest corpora of the scaling table that `make bench` prints (issue 12).

  cn DIR N        N platforms in CN, a third of them messengers, each naming a few others under
                  links.inbound: the shipped per-counterparty CN duties then give N²-order results.
  outside DIR N   N platforms that no obligation or matrix applies to (US app stores without
                  links): the cost should be linear in N.

The values are synthetic and deterministic (a fixed linear congruential generator); they stand
for no real platform.
"""
import os
import sys

LEVELS = ["blocked", "copy_out", "interstitial", "direct"]
CATEGORIES = ["instant-messaging", "e-commerce", "short-video"]


class Random:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % bound


def cn(directory, n):
    for p in range(n):
        random = Random(20211129 + p)
        lines = [
            "kind: platform",
            f"id: bench-{p:05d}",
            f"name: Bench platform {p}",
            f"categories: [{CATEGORIES[p % 3]}]",
            "jurisdictions: [CN]",
            "as_of: 2021-11-29",
            "capabilities:",
            "  links:",
            "    inbound:",
        ]
        for k in range(5):
            other = (p + k * 37 + 1) % n
            lines.append(f"      bench-{other:05d}: {{private_chat: {LEVELS[random.next(4)]}, group_chat: {LEVELS[random.next(4)]}}}")
        lines.append(f"      \"*\": {{private_chat: {LEVELS[random.next(4)]}, group_chat: {LEVELS[random.next(4)]}}}")
        write(directory, p, lines)


def outside(directory, n):
    for p in range(n):
        lines = [
            "kind: platform",
            f"id: outside-{p:05d}",
            f"name: Outside platform {p}",
            "categories: [app-store]",
            "jurisdictions: [US]",
            "as_of: 2021-11-29",
            "capabilities:",
            "  payments: {checkout: {alipay: accepted}}",
        ]
        write(directory, p, lines)


def write(directory, p, lines):
    with open(os.path.join(directory, f"p{p:05d}.yaml"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    kind, directory, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(directory, exist_ok=True)
    {"cn": cn, "outside": outside}[kind](directory, n)
