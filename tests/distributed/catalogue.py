"""A seeded DCAT-AP catalogue whose defects stress partitioning (written as Turtle text).

Each kind of defect puts a finding where a careless partitioner would lose or invent one:
values counted across a node's triples (missing and duplicate-language titles), code-list facts
added per IRI (a frequency outside the NAL), nodes targeted as objects of a link (untyped and
shared distributions, blank-node contact points and checksums, a literal period), a dataset no
catalogue lists (inverse path in dcat-ap-lt), and blank nodes whose stable label depends on
every node that references them (a distribution shared by two datasets).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

PREFIXES = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcatap: <http://data.europa.eu/r5r/> .
@prefix theme: <http://publications.europa.eu/resource/authority/data-theme/> .
@prefix freq: <http://publications.europa.eu/resource/authority/frequency/> .
@prefix ftype: <http://publications.europa.eu/resource/authority/file-type/> .
@prefix licence: <http://publications.europa.eu/resource/authority/licence/> .
@prefix ex: <https://data.example.org/> .
"""

DEFECTS = (
    "missing_title",  # dcat-ap-3:Dataset.title
    "duplicate_title_language",  # two @nb titles (dcat-ap-no-3 counts languages)
    "frequency_outside_nal",  # code-list background per IRI
    "untyped_distribution",  # targeted only as the object of dcat:distribution
    "format_as_literal",  # Distribution.format.kind and .vocab
    "checksum_without_algorithm",  # a blank checksum inside the distribution
    "contact_without_email",  # blank-node contact point
    "period_as_literal",  # dct:temporal "2020": a literal focus node
    "unlisted",  # not in the catalogue: dcat-ap-lt's inverse path ^dcat:dataset (and HVD's ^dcat:servesDataset)
    "shared_blank_distribution",  # one blank distribution (no access URL) under two datasets
)


@dataclass
class Catalogue:
    text: str
    datasets: int
    defects: Counter[str] = field(default_factory=Counter)
    seeded: dict[str, str] = field(default_factory=dict)  # dataset IRI -> defect


def generate(datasets: int = 40, seed: int = 7, broken: float = 0.5) -> Catalogue:
    """``datasets`` datasets; a ``broken`` share carries one defect each, kinds round-robin."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(datasets), round(datasets * broken)))
    plan = {number: DEFECTS[i % len(DEFECTS)] for i, number in enumerate(chosen)}
    catalogue = Catalogue("", datasets)
    blocks: list[str] = []
    listed: list[str] = []
    shared_used = False
    for number in range(datasets):
        iri = f"ex:dataset-{number:04d}"
        defect = plan.get(number)
        if defect == "shared_blank_distribution" and shared_used:
            defect = None  # one shared distribution per catalogue is enough
        if defect:
            catalogue.defects[defect] += 1
            catalogue.seeded[iri] = defect
        if defect != "unlisted":
            listed.append(iri)
        lines = [f"{iri} a dcat:Dataset"]
        if defect != "missing_title":
            lines.append(f'dct:title "Dataset {number}"@en, "Datasett {number}"@nb')
        if defect == "duplicate_title_language":
            lines.append(f'dct:title "Datasettet {number}"@nb')
        lines.append(f'dct:description "Synthetic dataset {number}."@en, "Syntetisk datasett {number}."@nb')
        theme = rng.choice(("ECON", "SOCI", "ENVI", "GOVE"))
        lines.append(f"dcat:theme theme:{theme}")
        frequency = "SOMETIMES" if defect == "frequency_outside_nal" else rng.choice(("ANNUAL", "MONTHLY"))
        lines.append(f"dct:accrualPeriodicity freq:{frequency}")
        lines.append("dct:publisher ex:agency")
        if number < 2:  # HVD datasets: only dataset 0 is served by the API (dcat-ap-hvd: Dataset.api on 1)
            lines.append("dcatap:hvdCategory <http://data.europa.eu/bna/c_e1da4e07>")
            lines.append("dcatap:applicableLegislation <http://data.europa.eu/eli/reg_impl/2023/138/oj>")
        email = "" if defect == "contact_without_email" else f" ; vcard:hasEmail <mailto:data{number}@example.org>"
        lines.append(f'dcat:contactPoint [ a vcard:Organization ; vcard:fn "Data desk {number}"@en{email} ]')
        if defect == "period_as_literal":
            lines.append('dct:temporal "2020"')
        else:
            lines.append(f'dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "{2000 + number % 20}-01-01"^^xsd:date ]')
        distribution = f"ex:distribution-{number:04d}"
        lines.append(f"dcat:distribution {distribution}")
        if number % 9 == 4 and number + 1 < datasets:  # distributions shared by two datasets (IRI)
            lines.append(f"dcat:distribution ex:distribution-{number + 1:04d}")
        if defect == "shared_blank_distribution" and number + 1 < datasets:
            lines.append("dcat:distribution _:shared")
            blocks.append(f"ex:dataset-{number + 1:04d} dcat:distribution _:shared .")
            blocks.append('_:shared a dcat:Distribution ; dct:format ftype:CSV .')
            shared_used = True
        blocks.append(" ;\n    ".join(lines) + " .")
        dist = [] if defect == "untyped_distribution" else ["a dcat:Distribution"]
        dist.append(f"dcat:accessURL <https://data.example.org/files/{number}.csv>")
        dist.append('dct:format "CSV"' if defect == "format_as_literal" else "dct:format ftype:CSV")
        dist.append("dct:license licence:CC_BY_4_0")
        value = f'spdx:checksumValue "{number:040x}"^^xsd:hexBinary'
        algorithm = "" if defect == "checksum_without_algorithm" else " ; spdx:algorithm spdx:checksumAlgorithm_sha1"
        dist.append(f"spdx:checksum [ a spdx:Checksum ; {value}{algorithm} ]")
        blocks.append(f"{distribution} " + " ;\n    ".join(dist) + " .")
    head = [
        "ex:catalogue a dcat:Catalog ;",
        '    dct:title "Synthetic catalogue"@en, "Syntetisk katalog"@nb ;',
        '    dct:description "A seeded catalogue for partitioning tests."@en ;',
        "    dct:publisher ex:agency ;",
        # ex:api is listed as a dataset by mistake (Catalog.dataset.range), judged where ex:api is
        "    " + " ;\n    ".join(f"dcat:dataset {iri}" for iri in [*listed, "ex:api"]) + " .",
        'ex:agency a foaf:Organization ; foaf:name "Example Agency"@en .',
        # a data service serving one dataset: dcat-ap-hvd's inverse path ^dcat:servesDataset
        'ex:api a dcat:DataService ; dct:title "API"@en ; dcat:endpointURL <https://api.example.org/> ;',
        "    dcat:servesDataset ex:dataset-0000 .",
    ]
    catalogue.text = PREFIXES + "\n".join(head) + "\n" + "\n".join(blocks) + "\n"
    return catalogue
