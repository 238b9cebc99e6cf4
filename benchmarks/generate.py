"""Write a deterministic synthetic rirtime chronology of N events, for the benchmarks.

    python benchmarks/generate.py 10000 -o /tmp/10k.yaml
    python benchmarks/generate.py 300 | rirtime check -f -

The same N (and --seed) always gives byte-identical output. The file passes `rirtime check` with no
warnings: events come in chronological order (by earliest day, then latest day) and every actor and
source is used. It looks like a chronology written by hand: a registry of about 50 actors (states,
ministries, armed forces `part_of` their states, the Quds Force `part_of` the IRGC `part_of` Iran,
international bodies, non-state groups), about 200 sources with citations and urls, and events with
a mix of date forms, 1-4 actors, 0-4 tags, 1-3 sources, sometimes people, a quote or a note.

The YAML is written by a small emitter of our own: block mappings, flow lists for ids, `>-` folded
blocks for long text, double quotes for anything YAML would not read back as the same string. No
anchors, aliases, tags or tabs. Only the standard library and PyYAML's resolver (to decide which
plain words YAML would read as booleans, numbers or dates) are used.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from random import Random

import yaml
from yaml.resolver import Resolver

WIDTH = 98  # wrap folded text like the bundled timeline.yaml does
FIRST_DAY = date(1990, 1, 1).toordinal()
LAST_DAY = date(2024, 12, 31).toordinal()

# -- the registry -------------------------------------------------------------------------------

# (id, name, kind, aliases, part_of). Parents come before their parts, so that any prefix of this
# list is a registry with no dangling `part_of` (small N uses a prefix).
ACTORS: list[tuple[str, str, str, tuple[str, ...], str | None]] = [
    ("russia", "Russia", "state", ("Moscow", "Kremlin", "Russian Federation"), None),
    ("iran", "Iran", "state", ("Tehran", "Islamic Republic of Iran"), None),
    ("syria", "Syria", "state", (), None),
    ("usa", "United States", "state", ("U.S.", "Washington"), None),
    ("irgc", "Islamic Revolutionary Guard Corps", "military", ("IRGC",), "iran"),
    ("quds-force", "Quds Force", "military", ("al-Quds Force",), "irgc"),
    ("russian-mfa", "Russian Ministry of Foreign Affairs", "government", (), "russia"),
    ("iranian-mfa", "Iranian Ministry of Foreign Affairs", "government", (), "iran"),
    ("russian-armed-forces", "Russian Armed Forces", "military", (), "russia"),
    ("russian-aerospace-forces", "Russian Aerospace Forces", "military", ("VKS",), "russia"),
    ("russian-navy", "Russian Navy", "military", (), "russian-armed-forces"),
    ("turkey", "Turkey", "state", ("Ankara",), None),
    ("israel", "Israel", "state", (), None),
    ("saudi-arabia", "Saudi Arabia", "state", ("Riyadh",), None),
    ("un-security-council", "UN Security Council", "organization", ("UNSC",), None),
    ("iaea", "International Atomic Energy Agency", "organization", ("IAEA",), None),
    ("hezbollah", "Hezbollah", "group", ("Lebanese Hezbollah",), None),
    ("syrian-government", "Syrian government", "government", ("Assad regime",), "syria"),
    ("syrian-army", "Syrian Arab Army", "military", ("SAA",), "syria"),
    ("syrian-opposition", "Syrian opposition", "group", ("Syrian rebels",), None),
    ("supreme-leader-office", "Office of the Supreme Leader", "government", (), "iran"),
    ("iranian-presidency", "Presidency of Iran", "government", (), "iran"),
    ("iranian-parliament", "Iranian Parliament", "government", ("Majlis",), "iran"),
    ("artesh", "Islamic Republic of Iran Army", "military", ("Artesh",), "iran"),
    ("russian-mod", "Russian Ministry of Defence", "government", (), "russia"),
    ("russian-presidency", "Presidential Administration of Russia", "government", (), "russia"),
    ("rosatom", "Rosatom", "company", (), "russia"),
    ("gazprom", "Gazprom", "company", (), "russia"),
    ("nioc", "National Iranian Oil Company", "company", ("NIOC",), "iran"),
    ("us-state-department", "U.S. Department of State", "government", (), "usa"),
    ("us-congress", "U.S. Congress", "government", (), "usa"),
    ("us-central-command", "U.S. Central Command", "military", ("CENTCOM",), "usa"),
    ("idf", "Israel Defense Forces", "military", ("IDF",), "israel"),
    ("turkish-armed-forces", "Turkish Armed Forces", "military", (), "turkey"),
    ("iraq", "Iraq", "state", ("Baghdad",), None),
    ("lebanon", "Lebanon", "state", ("Beirut",), None),
    ("china", "China", "state", ("Beijing",), None),
    ("azerbaijan", "Azerbaijan", "state", ("Baku",), None),
    ("armenia", "Armenia", "state", ("Yerevan",), None),
    ("kazakhstan", "Kazakhstan", "state", ("Astana",), None),
    ("india", "India", "state", ("New Delhi",), None),
    ("qatar", "Qatar", "state", ("Doha",), None),
    ("eu", "European Union", "organization", ("EU",), None),
    ("p5-plus-1", "P5+1", "organization", ("E3+3",), None),
    ("opec", "OPEC", "organization", (), None),
    ("sco", "Shanghai Cooperation Organisation", "organization", ("SCO",), None),
    ("eaeu", "Eurasian Economic Union", "organization", ("EAEU",), None),
    ("isis", "Islamic State", "group", ("ISIL", "Daesh"), None),
    ("houthis", "Ansar Allah", "group", ("Houthis",), None),
    ("taliban", "Taliban", "group", (), None),
    ("iranian-media", "Iranian news media", "other", (), None),
    ("russian-media", "Russian news media", "other", (), None),
]

ACTOR_WEIGHT = {"russia": 30, "iran": 30, "syria": 6, "usa": 6, "irgc": 5, "russian-mfa": 5}

TAGS = [
    "diplomacy", "nuclear", "sanctions", "military", "arms-trade", "energy", "oil", "gas",
    "trade", "syrian-war", "un", "veto", "terrorism", "summit", "phone-call", "visit",
    "agreement", "economy", "banking", "transport", "north-south-corridor", "caspian", "space",
    "cyber", "media", "elections", "human-rights", "refugees", "ceasefire", "peace-talks",
    "astana-process", "jcpoa", "iaea-inspections", "air-strikes", "naval-exercise", "drones",
    "missiles", "nuclear-power", "bushehr", "wheat", "tourism", "culture", "intelligence",
]  # fmt: skip

PEOPLE = {
    "russia": ["Vladimir Putin", "Sergey Lavrov", "Sergei Shoigu", "Dmitry Medvedev",
               "Alexander Novak", "Mikhail Bogdanov", "Sergei Ryabkov", "Valery Gerasimov"],
    "iran": ["Hassan Rouhani", "Mohammad Javad Zarif", "Ali Khamenei", "Qasem Soleimani",
             "Ali Akbar Velayati", "Ali Larijani", "Ebrahim Raisi", "Hossein Amir-Abdollahian",
             "Ali Shamkhani", "Mahmoud Ahmadinejad", "Mohammad Khatami"],
    "syria": ["Bashar al-Assad", "Walid Muallem", "Bouthaina Shaaban"],
    "usa": ["Barack Obama", "John Kerry", "Donald Trump", "Rex Tillerson", "Hillary Clinton"],
    "turkey": ["Recep Tayyip Erdogan", "Mevlut Cavusoglu", "Ahmet Davutoglu"],
    "israel": ["Benjamin Netanyahu", "Avigdor Lieberman"],
    "saudi-arabia": ["Adel al-Jubeir", "Mohammed bin Salman"],
    "hezbollah": ["Hassan Nasrallah"],
    "": ["Staffan de Mistura", "Kofi Annan", "Yukiya Amano", "Federica Mogherini",
         "Ban Ki-moon", "Lakhdar Brahimi"],
}  # fmt: skip

OUTLETS = [
    "Reuters", "TASS", "RIA Novosti", "Kommersant", "Rossiyskaya Gazeta", "Izvestia",
    "Mehr", "IRNA", "Fars News Agency", "Tasnim", "Press TV", "Al-Monitor", "Al Jazeera",
    "The Guardian", "The New York Times", "The Washington Post", "Financial Times",
    "BBC News", "Brookings", "Carnegie Moscow Center", "Chatham House", "Middle East Eye",
    "Insight Turkey", "Valdai Discussion Club", "Institute of the Middle East", "Arman",
]  # fmt: skip
DOMAINS = {
    "Reuters": "www.reuters.com/article", "TASS": "tass.com/politics", "RIA Novosti": "ria.ru",
    "Kommersant": "www.kommersant.ru/doc", "Mehr": "www.mehrnews.com/news",
    "IRNA": "www.irna.ir/news", "Al-Monitor": "www.al-monitor.com/pulse/originals",
    "Brookings": "www.brookings.edu/blog", "Chatham House": "www.chathamhouse.org/expert",
}  # fmt: skip
FIRST_NAMES = [
    "Mahan", "Elena", "Yuri", "Suzanne", "Nikolay", "Hamidreza", "Ellie", "Dmitri", "Farideh",
    "Mark", "Anna", "Kira", "Hassan", "Grigoriy", "Nicole", "Artem", "Maria", "Ali", "Clément",
]  # fmt: skip
LAST_NAMES = [
    "Abedin", "Dunayeva", "Shcheglovin", "Maloney", "Kozhanov", "Azizi", "Geranmayeh",
    "Trenin", "Farhi", "Katz", "Borshchevskaya", "Latukhina", "Hassan", "Kosach", "Grajewski",
    "Filipenok", "Vasilieva", "Vaez", "Therme", "Ivanova",
]  # fmt: skip
TITLE_WORDS = [
    "Russia", "Iran", "Syria", "Moscow", "Tehran", "Strategic", "Partnership", "Nuclear", "Deal",
    "Sanctions", "Caspian", "Alliance", "Limits", "Crisis", "Ceasefire", "Military",
    "Cooperation", "Energy", "Gas", "Oil", "Kremlin", "Assad", "Future", "Diplomacy", "Interests",
    "Rivalry", "Convergence", "Divergence", "Region", "Security", "Arms", "Trade", "Corridor",
]  # fmt: skip
TITLE_SMALL = ["and", "of", "the", "in", "on", "with", "for", "between", "after", "beyond"]
MONTHS = [  # not calendar.month_name: that follows the locale
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

# -- events -------------------------------------------------------------------------------------

# Title templates: {a} and {b} are actor names, {w} a keyword phrase. `key` goes into the id.
TITLES: list[tuple[str, str]] = [
    ("talks", "{a} and {b} hold talks on {w}"),
    ("agreement", "{a} and {b} sign an agreement on {w}"),
    ("memorandum", "{a} and {b} sign a memorandum of understanding on {w}"),
    ("visit", "{a} delegation visits {b} to discuss {w}"),
    ("statement", "{a} issues a statement on {w}"),
    ("criticism", "{a} criticises {b} over {w}"),
    ("support", "{a} voices support for {b} on {w}"),
    ("meeting", "Officials of {a} and {b} meet to discuss {w}"),
    ("warning", "{a} warns {b} against {w}"),
    ("offer", "{a} offers {b} cooperation on {w}"),
    ("report", "Reports: {a} and {b} disagree on {w}"),
    ("call", "{a} and {b} leaders speak by phone about {w}"),
    ("announcement", "{a} announces plans for {w}"),
    ("deal", "{a} and {b} reach a deal on {w}"),
]
SOLO_TITLES = [(key, t) for key, t in TITLES if "{b}" not in t]
TOPICS = [
    "the Syrian settlement", "the nuclear programme", "arms deliveries", "gas exports",
    "the Caspian Sea", "oil prices", "sanctions relief", "the Bushehr plant", "air defence",
    "the North-South transport corridor", "trade in national currencies", "counter-terrorism",
    "the future of Bashar al-Assad", "de-escalation zones", "the S-300 contract",
    "wheat supplies", "a free trade zone", "banking links", "space launches", "the JCPOA",
    "naval exercises", "the Astana talks", "refugee returns", "visa-free group travel",
    "cyber security", "the status of Aleppo", "reconstruction contracts", "drone deliveries",
]  # fmt: skip
VERBS = [
    "announced", "agreed on", "rejected", "welcomed", "questioned", "called for",
    "played down", "confirmed", "proposed", "warned about", "pressed for", "discussed",
    "postponed", "signed off on", "reaffirmed its commitment to", "raised concerns about",
]  # fmt: skip
OBJECTS = [
    "a new round of talks", "closer military coordination", "a long-delayed contract",
    "a joint commission", "the terms of a ceasefire", "an expanded trade agreement",
    "a plan for further consultations", "the deployment of advisers", "a loan agreement",
    "the resumption of flights", "a roadmap for energy cooperation", "a prisoner exchange",
    "new restrictions on imports", "a draft resolution", "the exchange of intelligence",
]  # fmt: skip
ADJUNCTS = [
    "after weeks of negotiations", "in a statement to the press", "during a visit to the region",
    "despite objections from Washington", "according to officials in Moscow",
    "according to Iranian media", "at a meeting of experts", "on the sidelines of a summit",
    "in a televised interview", "amid growing tensions", "without giving details",
    "as fighting continued", "in a joint communiqué", "for the first time since 2012",
]  # fmt: skip
QUOTES = [
    "strategic partnership", "a red line", "no alternative to a political solution",
    "the lesser of two evils", "a marriage of convenience", "we will not abandon our allies",
    "brotherly relations", "a tactical alliance", "cooperation, not competition",
    "an unprecedented level of trust", "a common enemy", "стратегическое партнёрство",
    "the train has left the station", "ties at their highest level",
    "“a turning point”", "no: not under these conditions",
]  # fmt: skip
NOTES = [
    "The day is not given; the source names only the month.",
    "Date approximate: the source says 'early' in the year.",
    "Two sources disagree on the date; the earlier one is used.",
    "Summary paraphrased from both sources.",
    "The source gives the location as Moscow; other reports say Sochi.",
    "Editor's note: the figures quoted are the Russian side's.",
    "The event is reported only by Iranian media.",
    "Interpretation: this marks a shift in tone, not in policy.",
]


# -- the emitter --------------------------------------------------------------------------------

_RESOLVER = Resolver()
_PLAIN_BLOCK = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()/+&-]*")
_PLAIN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 .'()/+&-]*")
_STR = "tag:yaml.org,2002:str"
_plain_ok: dict[tuple[str, bool], bool] = {}


def _is_plain(value: str, flow: bool) -> bool:
    """Whether YAML reads `value` written plain back as the same string."""
    key = (value, flow)
    ok = _plain_ok.get(key)
    if ok is None:
        pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
        tag: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, value, (True, False)
        )
        ok = (
            pattern.fullmatch(value) is not None
            and not value.endswith(" ")
            and "  " not in value
            and tag == _STR
        )
        _plain_ok[key] = ok
    return ok


def quoted(value: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    odd = any(ch in value for ch in "\x85\u2028\u2029")
    return json.dumps(value, ensure_ascii=odd)


def scalar(value: str, flow: bool = False) -> str:
    return value if _is_plain(value, flow) else quoted(value)


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap on single spaces (the text has no other whitespace)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def text_field(out: list[str], indent: str, key: str, value: str) -> None:
    """`key: value`, as a `>-` folded block when it would not fit on the line."""
    head = f"{indent}{key}: "
    if len(head) + len(value) <= WIDTH:
        out.append(f"{head}{scalar(value)}\n")
        return
    out.append(f"{indent}{key}: >-\n")
    inner = indent + "  "
    for line in wrap(value, WIDTH - len(inner)):
        out.append(f"{inner}{line}\n")


# -- dates --------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def make_date(rng: Random) -> tuple[str, bool, date, date]:
    """(the notation, whether to write it plain, earliest day, latest day)."""
    day = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    y, m = day.year, day.month
    form = rng.random()
    if form < 0.70:  # a day: 2015-07-14
        return day.isoformat(), True, day, day
    if form < 0.79:  # a month: 2015-07
        return f"{y:04d}-{m:02d}", True, date(y, m, 1), _month_end(y, m)
    if form < 0.83:  # a year: 1995
        return f"{y:04d}", True, date(y, 1, 1), date(y, 12, 31)
    if form < 0.87:  # approximate: "2017~", "2017-03~"
        if rng.random() < 0.5:
            return f"{y:04d}~", False, date(y, 1, 1), date(y, 12, 31)
        return f"{y:04d}-{m:02d}~", False, date(y, m, 1), _month_end(y, m)
    if form < 0.90:  # uncertain: "2015-09?", "2015-09-14?"
        if rng.random() < 0.6:
            return f"{y:04d}-{m:02d}?", False, date(y, m, 1), _month_end(y, m)
        return f"{day.isoformat()}?", False, day, day
    if form < 0.99:  # an interval
        kind = rng.random()
        if kind < 0.7:  # "2017-03-27/2017-03-29"
            end = day + timedelta(days=rng.randint(1, 14))
            return f"{day.isoformat()}/{end.isoformat()}", False, day, end
        if kind < 0.9:  # "2013-11/2014-02"
            ey, em = _add_months(y, m, rng.randint(1, 8))
            text = f"{y:04d}-{m:02d}/{ey:04d}-{em:02d}"
            return text, False, date(y, m, 1), _month_end(ey, em)
        ey = y + rng.randint(1, 4)  # "2013/2015"
        return f"{y:04d}/{ey:04d}", False, date(y, 1, 1), date(ey, 12, 31)
    # an open end: "2013-11/.."
    return f"{y:04d}-{m:02d}/..", False, date(y, m, 1), date.max


# -- the chronology -----------------------------------------------------------------------------


def _root(actor_id: str, part_of: dict[str, str | None]) -> str:
    parent = part_of.get(actor_id)
    while parent is not None:
        actor_id, parent = parent, part_of.get(parent)
    return actor_id


def _spread(rng: Random, ids: list[str], n: int) -> list[list[str]]:
    """Give every id to some event: event i must use the ids in result[i]."""
    must: list[list[str]] = [[] for _ in range(n)]
    if n == 0:
        return must
    order = ids[:]
    rng.shuffle(order)
    if n >= len(order):
        for item, slot in zip(order, rng.sample(range(n), len(order)), strict=True):
            must[slot].append(item)
    else:
        for k, item in enumerate(order):
            must[k % n].append(item)
    return must


def _pick(rng: Random, must: list[str], pool: list[str], weights: list[int], k: int) -> list[str]:
    chosen = list(must)
    tries = 0
    while len(chosen) < k and tries < 20:
        item = rng.choices(pool, weights)[0]
        if item not in chosen:
            chosen.append(item)
        tries += 1
    return chosen


def _sentence(rng: Random, subjects: list[str]) -> str:
    subject = rng.choice(subjects)
    return f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ADJUNCTS)}."


def _citation(rng: Random, month_day: date) -> str:
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    words = [rng.choice(TITLE_WORDS)]
    for _ in range(rng.randint(3, 9)):
        words.append(rng.choice(TITLE_SMALL) if rng.random() < 0.3 else rng.choice(TITLE_WORDS))
    title = " ".join(words)
    outlet = rng.choice(OUTLETS)
    when = f"{MONTHS[month_day.month - 1]} {month_day.day}, {month_day.year}"
    retrieved = month_day + timedelta(days=rng.randint(3, 400))
    got = f"{MONTHS[retrieved.month - 1]} {retrieved.day}, {retrieved.year}"
    text = f"{author}, “{title},” {outlet}, ({when}), retrieved {got}."
    if rng.random() < 0.15:  # a second reference in the same note
        other = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        text += f" See also {other}, “{rng.choice(TITLE_WORDS)} and {rng.choice(TITLE_WORDS)},”"
        text += f" {rng.choice(OUTLETS)}, ({when})."
    return text


def generate(n: int, seed: int = 1) -> str:
    """The YAML text of a valid chronology of `n` events."""
    rng = Random(seed)
    out: list[str] = [
        "# Synthetic chronology for the rirtime benchmarks (benchmarks/generate.py).\n",
        f"# {n} events; generated, deterministic: not real history.\n",
        f"title: Synthetic chronology of {n} events\n",
        "description: >-\n",
        "  Generated by benchmarks/generate.py from word lists; the shape and sizes of a real\n",
        "  chronology kept by hand, none of its facts.\n",
    ]

    # Registries, scaled down for a very small N so that everything can still be used.
    n_actors = min(len(ACTORS), max(1, 2 * n))
    n_sources = min(200, max(1, 2 * n))
    actors = ACTORS[:n_actors]
    actor_ids = [a[0] for a in actors]
    names = {a[0]: a[1] for a in actors}
    part_of = {a[0]: a[4] for a in actors}
    source_ids = ["article", *(f"n{i}" for i in range(1, n_sources))]
    if n == 0:
        out.append("events: []\n")
        return "".join(out)

    out.append("\n# ------------------------------------------------------------------ sources\n")
    out.append("sources:\n")
    for sid in source_ids:
        # After every event's start: a source published earlier could not attest its events
        # (`rirtime check`'s early-source), nor give one its day (day-from-source).
        published = date.fromordinal(rng.randint(LAST_DAY + 1, LAST_DAY + 730))
        out.append(f"  {sid}:\n")
        text_field(out, "    ", "citation", _citation(rng, published))
        if rng.random() < 0.85:
            outlet = rng.choice(list(DOMAINS.values()))
            slug = "-".join(rng.choice(TITLE_WORDS).lower() for _ in range(rng.randint(2, 6)))
            url = f"https://{outlet}/{published.year}/{published.month:02d}/{slug}-{sid}"
            out.append(f"    url: {quoted(url)}\n")
        if rng.random() < 0.3:
            out.append(f"    published: {published.isoformat()}\n")
        if rng.random() < 0.1:
            text_field(out, "    ", "note", rng.choice(NOTES))

    out.append("\n# ------------------------------------------------------------------ actors\n")
    out.append("actors:\n")
    for aid, name, kind, aliases, parent in actors:
        out.append(f"  {aid}:\n")
        out.append(f"    name: {scalar(name)}\n")
        out.append(f"    kind: {kind}\n")
        if aliases:
            out.append(f"    aliases: {flow_list(aliases)}\n")
        if parent is not None:
            out.append(f"    part_of: {parent}\n")

    # Dates first, sorted, so that the events come in chronological order.
    spans = [make_date(rng) for _ in range(n)]
    spans.sort(key=lambda s: (s[2], s[3]))
    must_actors = _spread(rng, actor_ids, n)
    must_sources = _spread(rng, source_ids, n)
    weights = [ACTOR_WEIGHT.get(a, 1) for a in actor_ids]
    source_weights = [20 if s == "article" else 1 for s in source_ids]

    out.append("\n# ------------------------------------------------------------------ events\n")
    out.append("events:\n")
    used_ids: dict[str, int] = {}  # stem -> the last suffix given
    taken: set[str] = set()
    for i, (text, plain, _earliest, _latest) in enumerate(spans):
        event_actors = _pick(rng, must_actors[i], actor_ids, weights, rng.randint(1, 4))
        a = names[event_actors[0]]
        if len(event_actors) > 1:
            key, template = rng.choice(TITLES)
            b = names[event_actors[1]]
        else:
            key, template = rng.choice(SOLO_TITLES)
            b = ""
        title = template.format(a=a, b=b, w=rng.choice(TOPICS))
        title = title[0].upper() + title[1:]

        stem = f"{event_actors[0]}-{key}-{re.sub(r'[^0-9]+', '-', text).strip('-')}"
        event_id = stem
        count = used_ids.get(stem, 1)
        while event_id in taken:  # "-2", "-3", ...; a stem may equal an earlier suffixed id
            count += 1
            event_id = f"{stem}-{count}"
        used_ids[stem] = count
        taken.add(event_id)

        out.append(f"  - id: {event_id}\n")
        out.append(f"    date: {text if plain else quoted(text)}\n")
        out.append(f"    title: {scalar(title)}\n")
        if rng.random() < 0.9:
            subjects = [names[x] for x in event_actors]
            sentences = [_sentence(rng, subjects) for _ in range(rng.randint(1, 3))]
            text_field(out, "    ", "summary", " ".join(sentences))
        out.append(f"    actors: {flow_list(event_actors)}\n")
        if rng.random() < 0.35:
            pool = PEOPLE.get(_root(event_actors[0], part_of), PEOPLE[""])
            people = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
            out.append(f"    people: {flow_list(people)}\n")
        n_tags = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))
        if n_tags:
            out.append(f"    tags: {flow_list(rng.sample(TAGS, n_tags))}\n")
        k = rng.choice((1, 1, 1, 2, 2, 3))
        event_sources = _pick(rng, must_sources[i], source_ids, source_weights, k)
        out.append(f"    sources: {flow_list(event_sources)}\n")
        if rng.random() < 0.08:
            out.append(f"    quote: {scalar(rng.choice(QUOTES))}\n")
        if rng.random() < 0.1:
            text_field(out, "    ", "note", rng.choice(NOTES))
    return "".join(out)


# -- hostile files (issue 11): small files that once ran for minutes -----------------------------
# Each is what one algorithm once did badly on: a benchmark row keeps it linear.


def _hostile_file(title: str, actors: Sequence[tuple[str, str | None]], events: list[str]) -> str:
    """A chronology of these actors (id, part_of) and these event blocks, one source."""
    out = [f"title: {title}\n", "sources:\n  s:\n    citation: A. Author, A book, 2020\n"]
    out.append("actors:\n")
    for actor_id, parent in actors:
        out.append(f"  {actor_id}:\n    name: Actor {actor_id}\n    kind: group\n")
        if parent is not None:
            out.append(f"    part_of: {parent}\n")
    out.append("events:\n")
    out += events
    return "".join(out)


def _event(i: int, actor_ids: Sequence[str]) -> str:
    day = date.fromordinal(FIRST_DAY + i % (LAST_DAY - FIRST_DAY)).isoformat()
    return (
        f"  - id: e{i:06d}\n    date: {day}\n    title: Event {i}\n"
        f"    actors: [{', '.join(actor_ids)}]\n    sources: [s]\n"
    )


def hostile_chain(n: int = 4000) -> str:
    """n actors, each part_of the one before: the cycle walk and `actors` once O(N^3)."""
    ids = [f"a{i:05d}" for i in range(n)]
    actors = [(a, ids[i - 1] if i else None) for i, a in enumerate(ids)]
    return _hostile_file(
        "A part_of chain",
        actors,
        [_event(0, ids[-1:])] + [_event(i, [a]) for i, a in enumerate(ids[:-1], start=1)],
    )


def hostile_wide(n: int = 2000) -> str:
    """One event naming n actors: `stats` once built every pair (2,000: 42 s, 2.3 GB)."""
    ids = [f"a{i:05d}" for i in range(n)]
    return _hostile_file("One wide event", [(a, None) for a in ids], [_event(0, ids)])


def hostile_misspelt(n_actors: int = 2000) -> str:
    """2.5 misspelt references an actor (2,000 actors: 5,000): "did you mean" once took 347 s."""
    n_refs = n_actors * 5 // 2
    ids = [f"actor-{i:05d}" for i in range(n_actors)]
    events = [_event(i, ids[i : i + 1]) for i in range(n_actors)]
    events += [
        _event(n_actors + i, [f"actr-{i % n_actors:05d}x{i // n_actors}"]) for i in range(n_refs)
    ]
    return _hostile_file("Many misspellings", [(a, None) for a in ids], events)


def hostile_one_line(n: int = 100_000) -> str:
    """n unknown actors on one line: 100,000 diagnostics, each quoting that one long line."""
    events = [_event(0, [f"u{i}" for i in range(n)])]
    return _hostile_file("A hundred thousand diagnostics on one line", [("a", None)], events)


def hostile_palette(n: int = 2000) -> str:
    """n actors, each in an event: the colour palette once compared every pair (2,000: 12 s)."""
    ids = [f"a{i:05d}" for i in range(n)]
    events = [_event(i, [a]) for i, a in enumerate(ids)]
    return _hostile_file("Many actors for the palette", [(a, None) for a in ids], events)


HOSTILE = {
    "chain": hostile_chain,
    "wide": hostile_wide,
    "misspelt": hostile_misspelt,
    "one-line": hostile_one_line,
    "palette": hostile_palette,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, metavar="N", help="number of events")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--hostile",
        choices=sorted(HOSTILE),
        help="instead, one of the hostile files of issue 11, of size N (0: its own size)",
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    if args.hostile:
        make = HOSTILE[args.hostile]
        text = make(args.n) if args.n else make()
    else:
        text = generate(args.n, args.seed)
    data = text.encode("utf-8")
    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
