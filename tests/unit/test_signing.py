"""An agreement's signing date is derived from its bl:Signing event, never stated twice."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from bilateral.graph.namespaces import BL, BLR
from bilateral.graph.signing import SigningDateError, signing_dates


def signed_during(**event_dates) -> Graph:
    g = Graph()
    g.add((BLR.Test_Agreement, BL.signedDuring, BLR.Test_Signing))
    g.add((BLR.Test_Agreement, BL.signedDuring, BLR.Test_Visit))
    g.add((BLR.Test_Signing, RDF.type, BL.Signing))
    g.add((BLR.Test_Visit, RDF.type, BL.StateVisit))
    datatypes = {"startDate": XSD.date, "endDate": XSD.date, "yearMonth": XSD.gYearMonth}
    for name, value in event_dates.items():
        g.add((BLR.Test_Signing, BL[name], Literal(value, datatype=datatypes.get(name, XSD.gYear))))
    return g


def test_a_day_known_to_the_event_is_the_agreements_signing_day():
    g = signed_during(startDate="2014-05-21", endDate="2014-05-21")
    assert set(signing_dates(g)) == {
        (BLR.Test_Agreement, BL.signedOn, Literal("2014-05-21", datatype=XSD.date))
    }


@pytest.mark.parametrize(
    "dates",
    [{"yearMonth": "2013-03"}, {"year": "2013"}, {"startDate": "2013-03-01", "endDate": "2013-03-05"}],
)
def test_otherwise_the_year_of_the_event(dates):
    assert set(signing_dates(signed_during(**dates))) == {
        (BLR.Test_Agreement, BL.signedYear, Literal("2013", datatype=XSD.gYear))
    }


def test_an_agreement_stating_its_own_date_as_well_is_refused():
    g = signed_during(yearMonth="2013-03")
    g.add((BLR.Test_Agreement, BL.signedYear, Literal("2013", datatype=XSD.gYear)))
    with pytest.raises(SigningDateError, match="Test_Agreement.*state the date once"):
        signing_dates(g)


def test_an_agreement_without_a_signing_event_keeps_its_own_date():
    g = Graph()
    g.add((BLR.Test_Agreement, BL.signedDuring, BLR.Test_Visit))
    g.add((BLR.Test_Agreement, BL.signedYear, Literal("2013", datatype=XSD.gYear)))
    assert len(signing_dates(g)) == 0
