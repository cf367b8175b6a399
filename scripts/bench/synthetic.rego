# The synthetic rule pack of Sources/audit-bench/SyntheticCorpus.swift, written in Rego, so that
# `make bench` can time a PyYAML + regorus pipeline on the same duties and check that it gives the
# same status as `audit run`, result for result. Input: {"platforms": [manifest, ...]}, the
# versions in force, already selected.
package synthetic

import rego.v1

link_access := {"blocked": 0, "copy_out": 1, "interstitial": 2, "direct": 3}

acceptance := {"not_accepted": 0, "applied": 1, "accepted": 2}

has_category(p, c) if {
	some x in p.categories
	x == c
}

# links.inbound.{counterparty}.FIELD, falling back to the "*" entry.
inbound(p, cp, field) := v if {
	entry := p.capabilities.links.inbound[cp]
	v := object.get(entry, field, "__missing__")
}

inbound(p, cp, field) := v if {
	not p.capabilities.links.inbound[cp]
	v := object.get(object.get(p.capabilities.links.inbound, "*", {}), field, "__missing__")
}

at_least(v, minimum, scale) := "unknown" if v == "__missing__"

at_least(v, minimum, scale) := "unknown" if v == null

at_least(v, minimum, scale) := s if {
	v != "__missing__"
	v != null
	rank := scale[v]
	s := status(rank >= minimum)
}

at_least(v, minimum, scale) := "error" if {
	v != "__missing__"
	v != null
	not scale[v]
}

status(true) := "pass"

status(false) := "fail"

platform_ids := [p.id | some p in input.platforms]

# S-LINK-PRIVATE: links.inbound.*.private_chat at least interstitial, for messengers.
results contains r if {
	some p in input.platforms
	not has_category(p, "instant-messaging")
	r := {"obligation": "S-LINK-PRIVATE", "platform": p.id, "counterparty": null, "status": "not_applicable"}
}

results contains r if {
	some p in input.platforms
	has_category(p, "instant-messaging")
	v := object.get(object.get(p.capabilities.links.inbound, "*", {}), "private_chat", "__missing__")
	r := {"obligation": "S-LINK-PRIVATE", "platform": p.id, "counterparty": null, "status": at_least(v, 2, link_access)}
}

# S-LINK-SHOPS: per major shop, links open in private chats (the group-chat phase starts later).
results contains r if {
	some p in input.platforms
	not has_category(p, "instant-messaging")
	r := {"obligation": "S-LINK-SHOPS", "platform": p.id, "counterparty": null, "status": "not_applicable"}
}

results contains r if {
	some p in input.platforms
	has_category(p, "instant-messaging")
	some c in input.platforms
	has_category(c, "major-shop")
	c.id != p.id
	r := {"obligation": "S-LINK-SHOPS", "platform": p.id, "counterparty": c.id, "status": at_least(inbound(p, c.id, "private_chat"), 2, link_access)}
}

# S-RECIPROCAL: major messengers treat each other at least as well as they are treated.
results contains r if {
	some p in input.platforms
	not has_category(p, "major-messenger")
	r := {"obligation": "S-RECIPROCAL", "platform": p.id, "counterparty": null, "status": "not_applicable"}
}

results contains r if {
	some p in input.platforms
	has_category(p, "major-messenger")
	some c in input.platforms
	has_category(c, "major-messenger")
	c.id != p.id
	r := {"obligation": "S-RECIPROCAL", "platform": p.id, "counterparty": c.id, "status": reciprocal(inbound(p, c.id, "private_chat"), inbound(c, p.id, "private_chat"))}
}

reciprocal(a, b) := status(link_access[a] >= link_access[b])

# S-WALLETS: Alipay and WeChat Pay at least applied for, at shops.
results contains r if {
	some p in input.platforms
	not has_category(p, "e-commerce")
	r := {"obligation": "S-WALLETS", "platform": p.id, "counterparty": null, "status": "not_applicable"}
}

results contains r if {
	some p in input.platforms
	has_category(p, "e-commerce")
	a := at_least(object.get(p.capabilities.payments.checkout, "alipay", "__missing__"), 1, acceptance)
	w := at_least(object.get(p.capabilities.payments.checkout, "wechat_pay", "__missing__"), 1, acceptance)
	r := {"obligation": "S-WALLETS", "platform": p.id, "counterparty": null, "status": both(a, w)}
}

both(a, b) := "pass" if {
	a == "pass"
	b == "pass"
}

both(a, b) := "fail" if {
	a != "pass"
	b != "pass"
}

both(a, b) := "fail" if {
	a == "pass"
	b != "pass"
}

both(a, b) := "fail" if {
	a != "pass"
	b == "pass"
}

# S-CHOICE: a link-management choice is planned or available.
results contains r if {
	some p in input.platforms
	v := object.get(object.get(p.capabilities.links, "user_controls", {}), "link_management", "__missing__")
	r := {"obligation": "S-CHOICE", "platform": p.id, "counterparty": null, "status": choice(v)}
}

choice(v) := "pass" if v in {"planned", "available"}

choice(v) := "fail" if not v in {"planned", "available"}

# S-SEARCH: open or partial to search engines; a null is unknown.
results contains r if {
	some p in input.platforms
	v := object.get(p.capabilities, "search_engine_access", "__missing__")
	r := {"obligation": "S-SEARCH", "platform": p.id, "counterparty": null, "status": search(v)}
}

search(v) := "unknown" if v == null

search(v) := "pass" if v in {"open", "partial"}

search(v) := "fail" if {
	v != null
	not v in {"open", "partial"}
}
