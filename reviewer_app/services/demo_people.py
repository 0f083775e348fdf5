"""Demo users (every role, with skills) and demo market/language/policy mixes."""

from __future__ import annotations

# login, display name, role, languages, markets, policies (empty = no restriction)
DEMO_USERS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("anna.schmidt", "Anna Schmidt", "reviewer", ("de", "en"), ("DE", "AT", "NL", "BE"), ()),
    ("marco.rossi", "Marco Rossi", "reviewer", ("it", "es", "en"), ("IT", "ES"), ()),
    ("camille.dubois", "Camille Dubois", "reviewer", ("fr", "en"), ("FR", "BE"),
     ("IP_COUNTERFEIT", "MISLEADING_LISTING", "PROHIBITED_PRODUCT")),
    ("kasia.nowak", "Katarzyna Nowak", "reviewer", ("pl", "de", "en"), ("PL", "DE", "AT"), ()),
    ("li.wei", "Li Wei (李伟)", "reviewer", ("zh-CN", "en"), (),
     ("IP_COUNTERFEIT", "UNSAFE_PRODUCT", "PROHIBITED_PRODUCT", "SELLER_IDENTITY")),
    ("chen.jing", "Chen Jing (陈静)", "reviewer", ("zh-CN", "en", "de"), (), ()),
    ("javier.garcia", "Javier García", "reviewer", ("es", "en"), (),
     ("SELLER_IDENTITY", "INAUTHENTIC_REVIEWS")),
    ("sam.okafor", "Samuel Okafor", "reviewer", (), (), ()),
    ("emma.murphy", "Emma Murphy", "qa", ("en", "de"), (), ()),
    ("zhang.hui", "Zhang Hui (张慧)", "qa", ("zh-CN", "en"), (), ()),
    ("lucia.romero", "Lucía Romero", "qa", ("es", "it", "en"), (), ()),
    ("thomas.becker", "Thomas Becker", "lead", ("de", "en"), (), ()),
    ("sophie.moreau", "Sophie Moreau", "lead", ("fr", "en", "es"), (), ()),
    ("piotr.kowalski", "Piotr Kowalski", "admin", ("pl", "en"), (), ()),
    ("riya.patel", "Riya Patel", "admin", ("en",), (), ()),
)

MARKET_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("DE", 18), ("FR", 12), ("GB", 12), ("ES", 9), ("IT", 9), ("PL", 6), ("NL", 6), ("US", 8),
    ("SE", 3), ("BE", 3), ("AT", 3), ("IE", 2), ("CN", 3), ("JP", 3), ("TR", 3),
)

MARKET_LANGUAGE = {
    "DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "ES": "es", "IT": "it", "PL": "pl",
    "CN": "zh-CN",
}  # everything else writes in English

CURRENCY = {"GB": "GBP", "PL": "PLN", "SE": "SEK", "US": "USD", "CN": "CNY", "JP": "JPY",
            "TR": "TRY"}  # everything else EUR

# How a seller names its market in its own language ("legal to sell in {market}").
MARKET_NAMES = {
    "de": {"DE": "Deutschland", "AT": "Österreich"},
    "fr": {"FR": "France", "BE": "Belgique"},
    "es": {"ES": "España"},
    "it": {"IT": "Italia"},
    "pl": {"PL": "Polsce"},
    "zh-CN": {"DE": "德国", "FR": "法国", "GB": "英国", "ES": "西班牙", "IT": "意大利",
              "NL": "荷兰", "PL": "波兰", "SE": "瑞典", "US": "美国", "JP": "日本", "CN": "中国"},
    "en": {"DE": "Germany", "FR": "France", "GB": "the UK", "ES": "Spain", "IT": "Italy",
           "NL": "the Netherlands", "PL": "Poland", "SE": "Sweden", "BE": "Belgium",
           "AT": "Austria", "IE": "Ireland", "US": "the US", "JP": "Japan", "TR": "Türkiye",
           "CN": "China"},
}

POLICY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("IP_COUNTERFEIT", 30), ("MISLEADING_LISTING", 18), ("UNSAFE_PRODUCT", 15),
    ("SELLER_IDENTITY", 13), ("PROHIBITED_PRODUCT", 12), ("INAUTHENTIC_REVIEWS", 12),
)

ACCOUNT_LEVEL = frozenset({"account_suspension", "account_termination", "payment_hold",
                           "selling_restriction"})

# Chinese cross-border merchants selling into these markets write in Chinese.
CROSS_BORDER_MARKETS = frozenset({"DE", "FR", "GB", "ES", "IT", "NL", "PL", "SE", "US", "JP"})
CROSS_BORDER_SHARE = 0.28
