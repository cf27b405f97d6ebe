"""Synthetic DCAT-AP 3.0.1 catalogues from Nordic and Baltic agencies, with seeded defects.

Benchmarks need data that looks like what agencies publish (multilingual free text, EU NAL
codes, IANA media types, several distributions per dataset) and whose defects are known in
advance, so that a validator's result counts can be checked and not only timed. The output
is written as text (not through rdflib) because serialising 300k triples with rdflib would
cost more than the validation being measured; it is deterministic for a given seed.

    python benchmarks/generate.py --datasets 1000 --broken 0.1 --seed 1 -o cat.ttl
    python benchmarks/generate.py --datasets 1000 --split out/many --files 200
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# --- vocabularies -------------------------------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
DCATAP = "http://data.europa.eu/r5r/"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
ADMS_PUBLISHER = "http://purl.org/adms/publishertype/"

PREFIXES = {
    "rdf": RDF, "xsd": XSD, "dcat": DCAT, "dct": DCT, "foaf": FOAF, "vcard": VCARD, "dcatap": DCATAP,
    "theme": EU + "data-theme/", "lang": EU + "language/", "freq": EU + "frequency/",
    "ftype": EU + "file-type/", "licence": EU + "licence/", "country": EU + "country/",
    "access": EU + "access-right/", "avail": EU + "planned-availability/",
}

# The defects a --broken dataset can carry, in the round-robin order of the brief.
DEFECTS = (
    "missing_title",
    "title_without_language",
    "format_as_literal",
    "byte_size_decimal",
    "frequency_outside_nal",
    "distribution_without_access_url",
    "licence_as_literal",
)
# The node a defect is about: the dataset itself, or its first distribution.
DEFECT_FOCUS = {
    "missing_title": "dataset", "title_without_language": "dataset", "frequency_outside_nal": "dataset",
    "format_as_literal": "distribution", "byte_size_decimal": "distribution",
    "distribution_without_access_url": "distribution", "licence_as_literal": "distribution",
}

LANGUAGES = ("nb", "sv", "da", "fi", "et", "en")


@dataclass(frozen=True)
class Agency:
    slug: str
    country: str  # EU country NAL code
    lang: str  # BCP 47 tag of its free text
    language: str  # EU language NAL code
    name: str
    name_en: str

    @property
    def base(self) -> str:
        return f"https://data.{self.country.lower()}.example/{self.slug}"

    @property
    def iri(self) -> str:
        return f"{self.base}/organisation"

    @property
    def contact(self) -> str:
        return f"{self.base}/contact/opendata"


AGENCIES = (
    Agency("ssb", "NOR", "nb", "NOB", "Statistisk sentralbyrå", "Statistics Norway"),
    Agency("kartverket", "NOR", "nb", "NOR", "Kartverket", "Norwegian Mapping Authority"),
    Agency("scb", "SWE", "sv", "SWE", "Statistiska centralbyrån", "Statistics Sweden"),
    Agency("lantmateriet", "SWE", "sv", "SWE", "Lantmäteriet",
           "Swedish Mapping, Cadastral and Land Registration Authority"),
    Agency("dst", "DNK", "da", "DAN", "Danmarks Statistik", "Statistics Denmark"),
    Agency("sdfi", "DNK", "da", "DAN", "Styrelsen for Dataforsyning og Infrastruktur",
           "Danish Agency for Data Supply and Infrastructure"),
    Agency("tilastokeskus", "FIN", "fi", "FIN", "Tilastokeskus", "Statistics Finland"),
    Agency("mml", "FIN", "fi", "FIN", "Maanmittauslaitos", "National Land Survey of Finland"),
    Agency("stat", "EST", "et", "EST", "Statistikaamet", "Statistics Estonia"),
    Agency("maaruum", "EST", "et", "EST", "Maa- ja Ruumiamet", "Estonian Land and Spatial Development Board"),
)

# (EU data theme, topic name per language)
TOPICS: tuple[tuple[str, dict[str, str]], ...] = (
    ("ECON", {"nb": "Konsumprisindeks", "sv": "Konsumentprisindex", "da": "Forbrugerprisindeks",
              "fi": "Kuluttajahintaindeksi", "et": "Tarbijahinnaindeks", "en": "Consumer price index"}),
    ("SOCI", {"nb": "Befolkning", "sv": "Befolkning", "da": "Befolkning", "fi": "Väestö", "et": "Rahvastik",
              "en": "Population"}),
    ("TRAN", {"nb": "Trafikkulykker", "sv": "Trafikolyckor", "da": "Færdselsuheld",
              "fi": "Tieliikenneonnettomuudet", "et": "Liiklusõnnetused", "en": "Road traffic accidents"}),
    ("ENVI", {"nb": "Luftkvalitet", "sv": "Luftkvalitet", "da": "Luftkvalitet", "fi": "Ilmanlaatu",
              "et": "Õhukvaliteet", "en": "Air quality"}),
    ("REGI", {"nb": "Adresser", "sv": "Adresser", "da": "Adresser", "fi": "Osoitteet", "et": "Aadressid",
              "en": "Addresses"}),
    ("ENER", {"nb": "Kraftproduksjon", "sv": "Elproduktion", "da": "Elproduktion", "fi": "Sähköntuotanto",
              "et": "Elektritootmine", "en": "Electricity production"}),
    ("HEAL", {"nb": "Sykehusinnleggelser", "sv": "Sjukhusvård", "da": "Hospitalsindlæggelser",
              "fi": "Sairaalahoito", "et": "Haiglaravi", "en": "Hospital admissions"}),
    ("EDUC", {"nb": "Utdanningsnivå", "sv": "Utbildningsnivå", "da": "Uddannelsesniveau", "fi": "Koulutustaso",
              "et": "Haridustase", "en": "Educational attainment"}),
    ("AGRI", {"nb": "Jordbruksareal", "sv": "Jordbruksmark", "da": "Landbrugsareal", "fi": "Maatalousmaa",
              "et": "Põllumajandusmaa", "en": "Agricultural land"}),
    ("GOVE", {"nb": "Offentlige utgifter", "sv": "Offentliga utgifter", "da": "Offentlige udgifter",
              "fi": "Julkiset menot", "et": "Valitsemissektori kulutused", "en": "Public expenditure"}),
    ("JUST", {"nb": "Anmeldte lovbrudd", "sv": "Anmälda brott", "da": "Anmeldte forbrydelser",
              "fi": "Ilmoitetut rikokset", "et": "Registreeritud kuriteod", "en": "Reported offences"}),
    ("TECH", {"nb": "Bredbåndsdekning", "sv": "Bredbandstäckning", "da": "Bredbåndsdækning",
              "fi": "Laajakaistan kattavuus", "et": "Lairibaühenduse katvus", "en": "Broadband coverage"}),
)
DIMENSIONS: tuple[dict[str, str], ...] = (
    {"nb": "etter kommune", "sv": "per kommun", "da": "fordelt på kommuner", "fi": "kunnittain",
     "et": "omavalitsuste kaupa", "en": "by municipality"},
    {"nb": "etter fylke", "sv": "per län", "da": "fordelt på regioner", "fi": "maakunnittain",
     "et": "maakondade kaupa", "en": "by region"},
    {"nb": "per måned", "sv": "per månad", "da": "pr. måned", "fi": "kuukausittain", "et": "kuude kaupa",
     "en": "by month"},
    {"nb": "etter alder og kjønn", "sv": "efter ålder och kön", "da": "efter alder og køn",
     "fi": "iän ja sukupuolen mukaan", "et": "vanuse ja soo järgi", "en": "by age and sex"},
)
DESCRIPTIONS = {
    "nb": "Datasettet inneholder {topic} {dim} for perioden {start}–{end}. Publisert av {agency}.",
    "sv": "Datamängden innehåller {topic} {dim} för perioden {start}–{end}. Publicerad av {agency}.",
    "da": "Datasættet indeholder {topic} {dim} for perioden {start}–{end}. Udgivet af {agency}.",
    "fi": "Aineisto sisältää tiedot: {topic} {dim} vuosilta {start}–{end}. Julkaisija: {agency}.",
    "et": "Andmestik sisaldab andmeid: {topic} {dim} aastatel {start}–{end}. Avaldaja: {agency}.",
    "en": "The dataset contains {topic} {dim} for {start}–{end}. Published by {agency}.",
}
DISTRIBUTION_DESCRIPTIONS = {
    "nb": "Nedlasting som {fmt}", "sv": "Nedladdning som {fmt}", "da": "Download som {fmt}",
    "fi": "Lataus muodossa {fmt}", "et": "Allalaadimine vormingus {fmt}", "en": "Download as {fmt}",
}
STATISTICS = {"nb": "statistikk", "sv": "statistik", "da": "statistik", "fi": "tilasto", "et": "statistika",
              "en": "statistics"}
# (EU file type, IANA media type, file extension)
FORMATS = (
    ("CSV", "text/csv", "csv"),
    ("JSON", "application/json", "json"),
    ("XML", "application/xml", "xml"),
    ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("GEOJSON", "application/geo+json", "geojson"),
    ("PDF", "application/pdf", "pdf"),
    ("ZIP", "application/zip", "zip"),
    ("RDF_TURTLE", "text/turtle", "ttl"),
)
FREQUENCIES = ("ANNUAL", "QUARTERLY", "MONTHLY", "WEEKLY", "DAILY", "IRREG", "UPDATE_CONT")
LICENCES = ("CC_BY_4_0", "CC_BY_4_0", "CC_BY_4_0", "CC0", "NLOD_2_0")

# --- triples as text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    """A literal; ``lang`` and ``datatype`` are exclusive, as in RDF 1.1."""

    lexical: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit  # a str is an IRI
Block = tuple[str, list[tuple[str, Term]]]  # subject with its predicate-object pairs


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))


def _short(iri: str) -> str | None:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local and (local[0].isalpha() or local[0].isdigit()) and all(c.isalnum() or c in "_-" for c in local):
                return f"{prefix}:{local}"
    return None


def _iri(iri: str, turtle: bool) -> str:
    if iri == RDF + "type" and turtle:
        return "a"
    short = _short(iri) if turtle else None
    return short or f"<{iri}>"


def _term(term: Term, turtle: bool) -> str:
    if isinstance(term, str):
        return _iri(term, turtle)
    text = f'"{_escape(term.lexical)}"'
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype:
        return f"{text}^^{_iri(term.datatype, turtle)}"
    return text


def serialise(blocks: Sequence[Block], fmt: str) -> str:
    """Turtle (prefixed, one block per subject) or N-Triples."""
    out: list[str] = []
    if fmt == "turtle":
        out.extend(f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items())
        for subject, pairs in blocks:
            out.append("")
            body = " ;\n    ".join(f"{_iri(p, True)} {_term(o, True)}" for p, o in pairs)
            out.append(f"{_iri(subject, True)} {body} .")
    else:
        for subject, pairs in blocks:
            s = f"<{subject}>"
            out.extend(f"{s} <{p}> {_term(o, False)} ." for p, o in pairs)
    return "\n".join(out) + "\n"


# --- the catalogue model ------------------------------------------------------------------------


@dataclass
class Seeded:
    kind: str
    dataset: str
    focus: str


@dataclass
class Built:
    blocks: list[Block] = field(default_factory=list)
    seeded: list[Seeded] = field(default_factory=list)
    datasets: int = 0

    @property
    def triples(self) -> int:
        return sum(len(pairs) for _s, pairs in self.blocks)


def _date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _xsd_date(value: date) -> Lit:
    return Lit(value.isoformat(), datatype=XSD + "date")


def _agent(agency: Agency) -> list[Block]:
    names: list[tuple[str, Term]] = [(FOAF + "name", Lit(agency.name, lang=agency.lang))]
    if agency.name_en != agency.name:
        names.append((FOAF + "name", Lit(agency.name_en, lang="en")))
    return [
        (agency.iri, [(RDF + "type", FOAF + "Organization"), *names,
                      (DCT + "type", ADMS_PUBLISHER + "NationalAuthority")]),
        (agency.contact, [(RDF + "type", VCARD + "Organization"),
                          (VCARD + "fn", Lit(f"{agency.name}, open data", lang=agency.lang)),
                          (VCARD + "hasEmail", f"mailto:opendata@{agency.slug}.{agency.country.lower()}.example")]),
    ]


def _dataset(rng: random.Random, number: int, agency: Agency, defect: str | None, built: Built) -> str:
    """Append one dataset and its distributions; returns the dataset IRI."""
    iri = f"{agency.base}/dataset/{number:06d}"
    theme, topic = TOPICS[rng.randrange(len(TOPICS))]
    dim = DIMENSIONS[rng.randrange(len(DIMENSIONS))]
    first_year = rng.randrange(1990, 2020)
    last_year = rng.randrange(first_year + 1, 2026)
    local = agency.lang
    titles: list[tuple[str, Term]] = [
        (DCT + "title", Lit(f"{topic[local]} {dim[local]}, {first_year}–{last_year}", lang=local)),
        (DCT + "title", Lit(f"{topic['en']} {dim['en']}, {first_year}–{last_year}", lang="en")),
    ]
    if defect == "missing_title":
        titles = []
    elif defect == "title_without_language":
        titles = [(DCT + "title", Lit(f"{topic[local]} {dim[local]}, {first_year}–{last_year}"))]
    pairs: list[tuple[str, Term]] = [(RDF + "type", DCAT + "Dataset"), *titles]
    for lang in (local, "en"):
        name = agency.name if lang == local else agency.name_en
        text = DESCRIPTIONS[lang].format(topic=topic[lang].lower(), dim=dim[lang], start=first_year,
                                         end=last_year, agency=name)
        pairs.append((DCT + "description", Lit(text, lang=lang)))
    keywords = [topic[local].lower(), STATISTICS[local], dim[local].split()[-1]]
    pairs.extend((DCAT + "keyword", Lit(k, lang=local)) for k in keywords)
    pairs.append((DCAT + "keyword", Lit(topic["en"].lower(), lang="en")))
    themes = [theme]
    if rng.random() < 0.3:
        extra = TOPICS[rng.randrange(len(TOPICS))][0]
        if extra != theme:
            themes.append(extra)
    pairs.extend((DCAT + "theme", f"{EU}data-theme/{t}") for t in themes)
    frequency = "SOMETIMES" if defect == "frequency_outside_nal" else FREQUENCIES[rng.randrange(len(FREQUENCIES))]
    issued = _date(rng, date(2015, 1, 1), date(2023, 12, 31))
    modified = _date(rng, issued, date(2025, 6, 30))
    period = f"{iri}#period"
    pairs += [
        (DCT + "identifier", Lit(f"{agency.slug}-{number:06d}")),
        (DCT + "publisher", agency.iri),
        (DCAT + "contactPoint", agency.contact),
        (DCT + "language", f"{EU}language/{agency.language}"),
        (DCT + "spatial", f"{EU}country/{agency.country}"),
        (DCT + "temporal", period),
        (DCT + "accrualPeriodicity", f"{EU}frequency/{frequency}"),
        (DCT + "accessRights", f"{EU}access-right/PUBLIC"),
        (DCT + "issued", _xsd_date(issued)),
        (DCT + "modified", _xsd_date(modified)),
        (DCAT + "landingPage", f"{iri}.html"),
    ]
    if local != "en" and rng.random() < 0.5:
        pairs.append((DCT + "language", f"{EU}language/ENG"))
    distributions: list[Block] = []
    for k in range(1, rng.randrange(1, 4) + 1):
        dist = f"{iri}/distribution/{k}"
        pairs.append((DCAT + "distribution", dist))
        distributions.append(_distribution(rng, dist, iri, agency, issued, modified, defect if k == 1 else None))
    built.blocks.append((iri, pairs))
    built.blocks.append((period, [(RDF + "type", DCT + "PeriodOfTime"),
                                  (DCAT + "startDate", _xsd_date(date(first_year, 1, 1))),
                                  (DCAT + "endDate", _xsd_date(date(last_year, 12, 31)))]))
    built.blocks.extend(distributions)
    if defect is not None:
        focus = iri if DEFECT_FOCUS[defect] == "dataset" else f"{iri}/distribution/1"
        built.seeded.append(Seeded(defect, iri, focus))
    return iri


def _distribution(rng: random.Random, iri: str, dataset: str, agency: Agency, issued: date, modified: date,
                  defect: str | None) -> Block:
    file_type, media_type, extension = FORMATS[rng.randrange(len(FORMATS))]
    url = f"{dataset}/data.{extension}"
    licence = LICENCES[rng.randrange(len(LICENCES))]
    pairs: list[tuple[str, Term]] = [(RDF + "type", DCAT + "Distribution")]
    if defect != "distribution_without_access_url":
        pairs.append((DCAT + "accessURL", url))
    size = str(rng.randrange(2_000, 500_000_000))
    pairs += [
        (DCAT + "downloadURL", url),
        (DCT + "description", Lit(DISTRIBUTION_DESCRIPTIONS[agency.lang].format(fmt=file_type), lang=agency.lang)),
        (DCT + "format", Lit("text/csv") if defect == "format_as_literal" else f"{EU}file-type/{file_type}"),
        (DCAT + "mediaType", IANA + media_type),
        (DCT + "license", Lit("CC BY 4.0") if defect == "licence_as_literal" else f"{EU}licence/{licence}"),
        (DCAT + "byteSize", Lit(size + (".0" if defect == "byte_size_decimal" else ""),
                                datatype=XSD + ("decimal" if defect == "byte_size_decimal" else "nonNegativeInteger"))),
        (DCATAP + "availability", f"{EU}planned-availability/STABLE"),
        (DCT + "issued", _xsd_date(issued)),
        (DCT + "modified", _xsd_date(modified)),
    ]
    return (iri, pairs)


PORTAL = Agency("portal", "NOR", "en", "ENG", "Nordic–Baltic Open Data Portal (synthetic)",
                "Nordic–Baltic Open Data Portal (synthetic)")


def _catalogue(iri: str, owner: Agency, datasets: list[str], rng: random.Random) -> list[Block]:
    langs = list(LANGUAGES) if owner is PORTAL else [owner.lang, "en"]
    title = {"nb": "Datakatalog", "sv": "Datakatalog", "da": "Datakatalog", "fi": "Tietoaineistoluettelo",
             "et": "Andmekataloog", "en": "Data catalogue"}
    pairs: list[tuple[str, Term]] = [(RDF + "type", DCAT + "Catalog")]
    pairs += [(DCT + "title", Lit(f"{title[lang]}: {owner.name_en if lang == 'en' else owner.name}", lang=lang))
              for lang in langs]
    pairs += [(DCT + "description", Lit(f"{title[lang]} ({owner.name_en}), synthetic benchmark data.", lang=lang))
              for lang in langs]
    pairs += [
        (DCT + "publisher", owner.iri),
        (FOAF + "homepage", f"{owner.base}/"),
        (DCT + "language", f"{EU}language/{owner.language}"),
        (DCT + "license", f"{EU}licence/CC_BY_4_0"),
        (DCT + "spatial", f"{EU}country/{owner.country}"),
        (DCT + "issued", _xsd_date(date(2016, 1, 1))),
        (DCT + "modified", _xsd_date(_date(rng, date(2025, 1, 1), date(2025, 6, 30)))),
        (DCAT + "themeTaxonomy", f"{EU}data-theme"),
    ]
    pairs += [(DCAT + "dataset", d) for d in datasets]
    return [(iri, pairs)]


def defect_plan(rng: random.Random, datasets: int, broken: float) -> dict[int, str]:
    """Which dataset numbers carry which defect: a seeded sample, kinds round-robin in dataset order."""
    count = round(datasets * broken)
    chosen = sorted(rng.sample(range(datasets), count))
    return {number: DEFECTS[i % len(DEFECTS)] for i, number in enumerate(chosen)}


def shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` nearly equal counts (the first ones one larger)."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def generate(datasets: int, broken: float = 0.1, seed: int = 1, files: int = 1) -> Iterator[Built]:
    """Yield one ``Built`` catalogue per file; the datasets are numbered across all files."""
    if datasets < 0 or files < 1 or not 0 <= broken <= 1:
        raise ValueError("need datasets >= 0, files >= 1 and 0 <= broken <= 1")
    rng = random.Random(seed)
    plan = defect_plan(rng, datasets, broken)
    number = 0
    for index, count in enumerate(shares(datasets, files)):
        built = Built()
        if files == 1:
            owner, iri = PORTAL, "https://data.nordval.example/catalogue"
        else:
            owner = AGENCIES[index % len(AGENCIES)]
            iri = f"{owner.base}/catalogue/{index:04d}"
        members: list[str] = []
        used: list[Agency] = [owner]
        for _ in range(count):
            agency = AGENCIES[rng.randrange(len(AGENCIES))] if files == 1 else owner
            if agency not in used:
                used.append(agency)
            members.append(_dataset(rng, number, agency, plan.get(number), built))
            number += 1
        built.datasets = count
        header = _catalogue(iri, owner, members, rng)
        for agency in used:
            header.extend(_agent(agency))
        built.blocks[:0] = header
        yield built


def expected(builts: Sequence[Built], datasets: int, broken: float, seed: int, files: list[str]) -> dict[str, object]:
    """The seeded defects, for checking a validator's counts against ground truth."""
    seeded = [s for b in builts for s in b.seeded]
    counts = Counter(s.kind for s in seeded)
    return {
        "seed": seed,
        "datasets": datasets,
        "broken_share": broken,
        "broken_datasets": len(seeded),
        "triples": sum(b.triples for b in builts),
        "files": files,
        "defects": {kind: counts.get(kind, 0) for kind in DEFECTS},
        "seeded": [{"kind": s.kind, "dataset": s.dataset, "focus": s.focus} for s in seeded],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--datasets", type=int, required=True)
    parser.add_argument("--broken", type=float, default=0.1, help="share of datasets with one defect each")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("turtle", "nt"), default="turtle")
    parser.add_argument("-o", "--output", type=Path, help="one catalogue file")
    parser.add_argument("--split", type=Path, metavar="DIR", help="write --files catalogues into DIR instead")
    parser.add_argument("--files", type=int, default=1)
    args = parser.parse_args(argv)
    if (args.output is None) == (args.split is None):
        parser.error("give exactly one of -o FILE or --split DIR")
    suffix = ".ttl" if args.format == "turtle" else ".nt"
    files = args.files if args.split else 1
    builts = list(generate(args.datasets, args.broken, args.seed, files))
    if args.split:
        args.split.mkdir(parents=True, exist_ok=True)
        paths = [args.split / f"catalogue-{i:04d}{suffix}" for i in range(files)]
        # next to the directory, not in it: a validator given DIR must not pick it up as an input
        report = args.split.parent / (args.split.name + ".expected.json")
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        paths = [args.output]
        report = Path(str(args.output) + ".expected.json")
    for path, built in zip(paths, builts, strict=True):
        path.write_text(serialise(built.blocks, args.format), encoding="utf-8")
    info = expected(builts, args.datasets, args.broken, args.seed, [str(p) for p in paths])
    report.write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    defects = info["defects"]
    assert isinstance(defects, dict)
    where = args.split if args.split else args.output
    print(f"{where}: {info['triples']} triples, {args.datasets} datasets in {files} file(s), "
          f"{info['broken_datasets']} with a seeded defect", file=sys.stderr)
    for kind, count in defects.items():
        print(f"  expected {kind}: {count}", file=sys.stderr)
    print(f"  written to {report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
