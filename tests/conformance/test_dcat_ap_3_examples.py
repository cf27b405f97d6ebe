"""The DCAT-AP 3.0.1 specification's own examples through nordval, with their exact expected errors.

The examples (``../shared/reference/dcat-ap-3/examples``, copied from the HTML of the 3.0.1
release) are fragments: each shows one feature (frequency, series ordering, spatial coverage ...)
and leaves out what it does not illustrate. Run as whole documents they therefore miss mandatory
properties, and nordval must report exactly those gaps and nothing else. A change that makes
nordval flag anything more on the specification's own examples is a false error.

The resources described are Datasets (https://data.gov.gr/id/dataset/...), one Dataset Series
(https://data.gov.gr/id/datasetseries/BeePopulation) and one Data Service; no example describes a
Catalogue. Mandatory in DCAT-AP 3.0.1: Dataset title and description, Dataset Series title and
description, Data Service title and endpoint URL (spec tables, section "Dataset", "Dataset
Series", "Data Service"). Two files are not Turtle at all: nordval reports ``input.syntax`` with
the line of the error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nordval import api
from nordval.model import Severity
from tests.conftest import SHARED_REFERENCE, shared_reference

EXAMPLES = SHARED_REFERENCE / "dcat-ap-3" / "examples"
DS = "https://data.gov.gr/id/dataset/"
SERIES = "https://data.gov.gr/id/datasetseries/BeePopulation"
TITLE = "http://purl.org/dc/terms/title"
DESCRIPTION = "http://purl.org/dc/terms/description"


def _no_description(*datasets: str) -> set[tuple[str, str, str]]:
    return {(DS + d, DESCRIPTION, "dcat-ap-3:Dataset.description") for d in datasets}


def _no_title(*datasets: str) -> set[tuple[str, str, str]]:
    return {(DS + d, TITLE, "dcat-ap-3:Dataset.title") for d in datasets}


SERIES_NO_DESCRIPTION = {(SERIES, DESCRIPTION, "dcat-ap-3:DatasetSeries.description")}

# example file -> (why these errors, the exact set of (focus, path, rule) errors)
EXPECTED: dict[str, tuple[str, set[tuple[str, str, str]]]] = {
    "example-bee-population.ttl": (
        "a complete Dataset (title, description, publisher): conformant", set()),
    "example-bee-population-2022-2023.ttl": (
        "two complete Datasets: conformant", set()),
    "example-bee-populaton-2022-2023.ttl": (
        "the same two Datasets with http IRIs (file name misspelt upstream): conformant", set()),
    "example-bee-population-dataset-frequency.ttl": (
        "illustrates dct:accrualPeriodicity only: the Dataset has no title and no description",
        _no_description("BeePopulation") | _no_title("BeePopulation")),
    "example-bee-population-dataset-series.ttl": (
        "illustrates dcat:inSeries: member Datasets without title/description, Series without description",
        _no_description("BeePopulation2022", "BeePopulation2023")
        | _no_title("BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-ordered.ttl": (
        "illustrates dcat:prev / dcat:last: same gaps as the plain series example",
        _no_description("BeePopulation2022", "BeePopulation2023")
        | _no_title("BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-frequency.ttl": (
        "illustrates frequencies on series and members: Datasets without title/description, Series "
        "without description",
        _no_description("BeePopulation2022", "BeePopulation2023")
        | _no_title("BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-issued.ttl": (
        "illustrates dct:issued: titled Datasets without description, Series without description",
        _no_description("BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-modified.ttl": (
        "illustrates dct:modified: titled Datasets (2000, 2022, 2023) without description, Series "
        "without description",
        _no_description("BeePopulation2000", "BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-gea-nha.ttl": (
        "illustrates spatial coverage (GeoNames): titled Datasets without description, Series without "
        "description",
        _no_description("BeePopulation2000", "BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-spatial-thessaloniki.ttl": (
        "illustrates spatial coverage of one member: titled Dataset without description, Series without "
        "description",
        _no_description("BeePopulation2022") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-spatial-thessaloniki-athens.ttl": (
        "illustrates spatial coverage of two members: titled Datasets without description, Series "
        "without description",
        _no_description("BeePopulation2022", "BeePopulation2023") | SERIES_NO_DESCRIPTION),
    "example-bee-population-dataset-series-life-count.ttl": (
        "a live Dataset served by a complete Data Service (title, endpoint URL): the Dataset has no "
        "description; the Series it points to is not described in this file",
        _no_description("BeePopulationLive")),
}

# example file -> line nordval must report for input.syntax
NOT_TURTLE = {
    "example-bee-population-dataset-series-api.ttl": 20,       # example-dist:BeePopulation2023/biojson
    "example-bee-population-dataset-series-combined.ttl": 32,  # same prefixed name with a '/'
}


def test_every_example_has_an_expectation() -> None:
    shared_reference("dcat-ap-3", "examples")
    names = {p.name for p in EXAMPLES.glob("*.ttl")}
    assert names == set(EXPECTED) | set(NOT_TURTLE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gets_exactly_its_expected_errors(name: str) -> None:
    path = shared_reference("dcat-ap-3", "examples", name)
    report = api.validate([str(path)], api.Options(profile="dcat-ap-3"))
    errors = {(f.location.focus, f.location.path, f.rule) for f in report.findings if f.severity == Severity.ERROR}
    reason, expected = EXPECTED[name]
    assert errors == expected, f"{name} ({reason})"


@pytest.mark.parametrize("name", sorted(NOT_TURTLE))
def test_example_that_is_not_turtle_is_a_syntax_finding(name: str) -> None:
    path: Path = shared_reference("dcat-ap-3", "examples", name)
    report = api.validate([str(path)], api.Options(profile="dcat-ap-3"))
    errors = [(f.rule, f.location.line) for f in report.findings if f.severity == Severity.ERROR]
    assert errors == [("input.syntax", NOT_TURTLE[name])]
