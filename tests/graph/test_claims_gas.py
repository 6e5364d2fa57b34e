"""The claims of "From Russia, with gas" are triples: reasons, plans, ranks, comparisons, figures."""

from __future__ import annotations

import pytest

from test_claims import ask, store  # noqa: F401  (store: the fixture, shared)


def test_the_deadlock_of_2011_has_the_pricing_gap_as_its_reason(store):
    assert ask(store, """ASK { ?deadlock bl:reason blr:China_Russia_Gas_Pricing_Gap ;
        bl:subEventOf blr:Sixteenth_Prime_Ministerial_Meeting_2011 ; bl:yearMonth ?month .
        FILTER(STR(?month) = "2011-10") }""")
    assert ask(store, """ASK { blr:Sixteenth_Prime_Ministerial_Meeting_2011 bl:ordinal 16 ;
        bl:inSeries/rdfs:label "China-Russia annual prime ministerial meetings"@en }""")


def test_reasons_the_article_gives_are_linked(store):
    assert ask(store, """ASK { blr:China_Russia_Gas_1999_Reference_Price_Made_Irrelevant
        bl:reason blr:Energy_Price_Increase_After_1999 ;
        bl:concerns blr:China_Russia_Gas_Agreement_of_Intent_1999 }""")
    assert ask(store, "ASK { ?progress bl:reason blr:Financial_Crisis_2008 ; bl:subEventOf blr:China_Russia_Gas_Negotiations }")
    assert ask(store, """ASK { ?construction bl:reason ?crisis, ?exports ;
        bl:concerns blr:China-Russia_Natural_Gas_Pipeline .
        ?crisis bl:location blr:Ukraine . ?exports bl:participant blr:Russia ; bl:concerns blr:Europe .
        blr:China-Russia_Gas_Pipeline_East_Route_First_Welding_2014 bl:subEventOf ?construction .
        ?analysis bl:speaker blr:Xinhua_News_Service ; bl:about ?construction }""")


def test_the_ukraine_crisis_as_impetus_is_the_authors_hedged_judgement(store):
    """'seemed to provide Russia with strong impetus': a statement of the author, not a fact."""
    assert ask(store, """ASK { ?s bl:speaker blr:Yu_Bin ; bl:about blr:China_Russia_Gas_Pricing_Gap, blr:Russia ;
        bl:topic blr:Topic_Ukraine_Crisis }""")
    assert not ask(store, "ASK { blr:China_Russia_Gas_Contract_2014 bl:reason ?any }")


def test_agreements_call_for_their_planned_starts(store):
    assert ask(store, """ASK { blr:China_Russia_Gas_Contract_2014 bl:callsFor ?start . ?start bl:year ?y .
        FILTER(STR(?y) = "2018") }""")
    assert ask(store, """ASK { blr:China_Russia_Gas_Pipelines_MOU_2006 bl:callsFor ?start . ?start bl:year ?y ;
        bl:figure [ bl:minValue 600 ; bl:maxValue 800 ] . FILTER(STR(?y) = "2011") }""")
    assert ask(store, """ASK { blr:China_Russia_Gas_Supply_Agreement_2009 bl:callsFor ?start .
        ?start bl:dateText "starting from 2014 or 2015" FILTER NOT EXISTS { ?start bl:year ?y } }""")


@pytest.mark.parametrize(
    "resource, series",
    [
        ("Xi_Jinping_Visit_to_Russia_2013", "Xi Jinping's visits to Russia as president"),
        ("China_Russia_Gas_Pipeline_MOU_Signing_1994",
         "signings of China-Russia MOUs to build a natural gas pipeline to China"),
        ("Yeltsin_East_Siberia_Oil_Pipeline_Proposal", "proposals of an oil pipeline from East Siberia to China"),
        ("China-Russia_Gas_Pipeline_East_Route_First_Welding_2014",
         "weldings of rolls of tubes on the east route of the China-Russia gas pipeline"),
    ],
)
def test_firsts_have_their_rank_and_series(store, resource, series):
    assert ask(store, f"""ASK {{ blr:{resource} bl:ordinal 1 ; bl:inSeries ?series .
        ?series a bl:EventSeries ; rdfs:label "{series}"@en ; bl:evidence ?passage }}""")


def test_the_11th_energy_committee_meeting_is_in_its_series(store):
    assert ask(store, """ASK { blr:China-Russia_Energy_Cooperation_Committee_11th_Meeting_2014 bl:ordinal 11 ;
        bl:organizedBy blr:China-Russia_Energy_Cooperation_Committee ;
        bl:inSeries/rdfs:label "meetings of the China-Russia Energy Cooperation Committee"@en }""")


def test_yeltsin_proposed_and_the_oil_project_holds_its_steps(store):
    assert ask(store, "ASK { blr:Yeltsin_East_Siberia_Oil_Pipeline_Proposal bl:proposedBy blr:Yeltsin }")
    for step in ("Yeltsin_East_Siberia_Oil_Pipeline_Proposal", "Russia_ESPO_Decision",
                 "ESPO_Branch_Line_Completion_2010", "Russian_Oil_Flow_to_China_Start_2011"):
        assert ask(store, f"ASK {{ blr:{step} bl:subEventOf blr:Sino-Russian_Oil_Pipeline_Project }}"), step
    assert ask(store, """ASK { blr:Russia_ESPO_Decision bl:figure [ bl:numericValue 10 ; bl:unit bl:Year ] }""")


def test_the_authors_comparison_links_every_project_it_compares(store):
    assert ask(store, """ASK { blr:Statement_Yu_Bin_Energy_Project_Pace_2014 bl:speaker blr:Yu_Bin ;
        bl:about blr:Sino-Russian_Oil_Pipeline_Project, blr:China_Russia_Gas_Negotiations,
                 blr:China-Kazakhstan_Oil_Pipeline_Construction, ?lines .
        ?lines a bl:Pipeline ; bl:route blr:China, blr:Central_Asia }""")
    assert ask(store, """ASK { ?pace bl:speaker blr:Yu_Bin ; bl:about blr:China_Russia_Gas_Contract_2014 ;
        bl:evidence/oa:exact "Thus far, the pace of implementing the 30-year deal seems much faster." }""")


def test_durations_and_horizons_are_figures(store):
    for subject, value in [
        ("China_Russia_Gas_Negotiations", 20), ("China_Russia_Gas_Negotiations", 15),
        ("China_Russia_Gas_Negotiations", 2), ("Statement_Speculation_Russian_Gas_to_Asia_2014", 10),
    ]:
        assert ask(store, f"""ASK {{ blr:{subject} bl:figure ?f . ?f bl:numericValue {value} ;
            bl:unit bl:Year ; bl:about blr:{subject} }}"""), (subject, value)
    assert ask(store, """ASK { blr:Figure_China_Russia_Gas_Negotiations_Duration bl:evidence/oa:exact
        "it took nearly 20 years for Moscow and Beijing to reach the final deal" }""")


def test_the_1999_prices_are_per_thousand_cubic_metres(store):
    assert ask(store, """ASK { blr:China_Russia_Gas_Agreement_of_Intent_1999 bl:figure ?ask, ?offer .
        ?ask bl:numericValue 180 ; bl:unit bl:USDPerThousandCubicMetres .
        ?offer bl:numericValue 165 ; bl:unit bl:USDPerThousandCubicMetres }""")


def test_mou_names_each_memorandum_where_the_article_uses_it(store):
    for mou in ("China_Russia_Gas_Pipeline_MOU_1994", "China_Russia_Gas_Pipelines_MOU_2006"):
        assert ask(store, f"""ASK {{ blr:{mou} skos:hiddenLabel "MOU"@en ;
            bl:evidence/oa:exact ?e FILTER(CONTAINS(?e, "MOU")) }}"""), mou
