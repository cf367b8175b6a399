#!/usr/bin/env python3
"""Writes the manifest corpora of the scaling table that `make bench` prints (issue 12).

  cn DIR N        N platforms in CN, a third of them messengers, each naming a few others under
                  links.inbound: the shipped per-counterparty CN duties then give N²-order results.
  outside DIR N   N platforms that no obligation or matrix applies to (US app stores without
                  links): the cost should be linear in N.
  drift DIR P V   P platforms × V weekly versions (DIR/manifests, DIR/rules: audit-bench's six
                  synthetic duties), 40 counterparties each, whose values move from version to
                  version: most versions change one field for a third of the counterparties at once
                  (a policy), a few values drift alone. The corpus of issues 24 and 25 for
                  `audit history` and `audit timeline`, where every version brings derived events.

The values are synthetic and deterministic (a fixed linear congruential generator); they stand
for no real platform.
"""
import datetime
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


def drift(directory, platforms, versions):
    manifests, rules = os.path.join(directory, "manifests"), os.path.join(directory, "rules")
    os.makedirs(manifests, exist_ok=True)
    os.makedirs(rules, exist_ok=True)
    with open(os.path.join(rules, "synthetic.yaml"), "w", encoding="utf-8") as out:
        out.write(DRIFT_RULES)
    last = datetime.date(2021, 11, 29)
    for p in range(platforms):
        random = Random(20211129 + p)
        # With fewer than 40 platforms each is named once (keys repeat only for a multiple of 37).
        others = [(p + k * 37 + 1) % platforms for k in range(min(40, platforms))]
        links = {o: [random.next(4), random.next(4)] for o in others}
        wallets = [random.next(3) for _ in DRIFT_WALLETS]
        for v in range(versions):
            if v > 0:
                if random.next(4) != 0:
                    # A policy: one field moves for a third of the counterparties at once.
                    field, level, start = random.next(2), random.next(4), random.next(3)
                    for o in others[start::3]:
                        links[o][field] = level
                for _ in range(2):
                    links[others[random.next(len(others))]][random.next(2)] = random.next(4)
                wallets[random.next(len(wallets))] = random.next(3)
            day = last - datetime.timedelta(days=7 * (versions - 1 - v))
            categories = ["instant-messaging", "e-commerce", "short-video"][p % 3:p % 3 + 1]
            if p % 100 == 0:
                categories.append("major-messenger")
            if p % 125 == 7:
                categories.append("major-shop")
            lines = [
                "kind: platform", f"id: platform-{p:05d}", f"name: Platform {p}",
                f"categories: [{', '.join(categories)}]", "jurisdictions: [CN]", f"as_of: {day}",
                f'version: "{8 + v}.0.{p % 20}"', "capabilities:", "  links:", "    inbound:",
            ]
            for o in others:
                lines.append(f"      platform-{o:05d}: {{private_chat: {LEVELS[links[o][0]]}, group_chat: {LEVELS[links[o][1]]}}}")
            lines.append("      \"*\": {private_chat: copy_out, group_chat: blocked}")
            lines.append("    user_controls: {link_management: available}")
            lines += ["  payments:", "    checkout:"]
            lines += [f"      {w}: {['not_accepted', 'applied', 'accepted'][a]}" for w, a in zip(DRIFT_WALLETS, wallets)]
            lines.append("  search_engine_access: partial")
            lines.append("evidence:")
            for o in others[:8]:
                lines += [f"  - path: links.inbound.platform-{o:05d}.private_chat",
                          f"    source: https://example.org/observations/{p}/{o}",
                          f"    observed: {day + datetime.timedelta(days=1)}", "    method: test"]
            with open(os.path.join(manifests, f"p{p:05d}-v{v:02d}.yaml"), "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")


DRIFT_WALLETS = ["alipay", "wechat_pay", "unionpay", "jd_pay", "apple_pay"]

# audit-bench's six synthetic duties (Sources/audit-bench/SyntheticCorpus.swift).
DRIFT_RULES = """kind: rules
pack: synthetic
title: Synthetic obligations for benchmarks
scales:
  link_access: [blocked, copy_out, interstitial, direct]
  feature: [absent, planned, available]
  acceptance: [not_accepted, applied, accepted]
  search: [blocked, partial, open]
obligations:
  - id: S-LINK-PRIVATE
    title: links open in private chats (everyone not listed)
    severity: high
    applies_to: {categories: [instant-messaging]}
    effective: 2021-09-17
    require: {path: 'links.inbound.*.private_chat', at_least: interstitial, scale: link_access}
  - id: S-LINK-SHOPS
    title: links of major shops open in group chats
    severity: medium
    per: counterparty
    applies_to: {categories: [instant-messaging]}
    counterparties: {categories: [major-shop]}
    phases:
      - {from: 2021-09-17, label: private chats, require: {path: 'links.inbound.{counterparty}.private_chat', at_least: interstitial, scale: link_access}}
      - {from: 2022-06-01, label: group chats, require: {path: 'links.inbound.{counterparty}.group_chat', at_least: interstitial, scale: link_access}}
  - id: S-RECIPROCAL
    title: major messengers open to each other alike
    severity: medium
    per: pair
    applies_to: {categories: [major-messenger]}
    require: {reciprocal: {path: 'links.inbound.{counterparty}.private_chat', scale: link_access}}
  - id: S-WALLETS
    title: two third-party wallets at checkout
    severity: medium
    applies_to: {categories: [e-commerce]}
    require:
      all:
        - {path: payments.checkout.alipay, at_least: applied, scale: acceptance}
        - {path: payments.checkout.wechat_pay, at_least: applied, scale: acceptance}
  - id: S-CHOICE
    title: users get a link-management choice
    severity: low
    require: {path: links.user_controls.link_management, in: [planned, available]}
  - id: S-SEARCH
    title: content open to search engines
    severity: low
    require: {any: [{path: search_engine_access, equals: open}, {path: search_engine_access, equals: partial}]}
"""


def write(directory, p, lines):
    with open(os.path.join(directory, f"p{p:05d}.yaml"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    kind, directory, sizes = sys.argv[1], sys.argv[2], [int(a) for a in sys.argv[3:]]
    os.makedirs(directory, exist_ok=True)
    {"cn": cn, "outside": outside, "drift": drift}[kind](directory, *sizes)
