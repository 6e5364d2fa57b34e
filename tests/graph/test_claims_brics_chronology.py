"""The claims of the BRICS section and of the chronology are triples, each citing its passage."""

from __future__ import annotations

import pytest

from test_claims import ask, store  # noqa: F401  (store is a fixture)

XSD = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"


def test_the_sixth_annual_summit_is_ranked_in_its_series(store):
    assert ask(store, """ASK { blr:BRICS_Summit_2014 bl:ordinal 6 ; bl:inSeries ?series ;
        bl:participant blr:Brazil, blr:Russia, blr:India, blr:China, blr:South_Africa .
        ?series a bl:EventSeries ; rdfs:label "annual BRICS summits"@en ;
        bl:evidence/oa:exact "held their sixth annual summit" }""")


def test_the_highlight_plan_calls_for_the_bank_and_the_reserve_and_has_its_reason(store):
    plan = "blr:BRICS_New_Development_Bank_and_Reserve_Plan_2014"
    assert ask(store, f"""ASK {{ {plan} bl:callsFor blr:New_Development_Bank, blr:Contingency_Reserve_Arrangement ;
        bl:proposedBy blr:Russia, blr:China ; bl:reason blr:IMF_Reforms_2010_Non-implementation ;
        bl:figure/bl:numericValue 50000000000.0 .
        blr:Contingency_Reserve_Arrangement bl:valueUSD 100000000000.0 .
        ?highlight bl:speaker blr:Yu_Bin ; bl:about {plan} ;
            bl:evidence/oa:exact "The highlight of the meeting was the unveiling of a plan" }}""")
    assert ask(store, f"""ASK {{ {plan} bl:evidence/oa:exact ?why
        FILTER(CONTAINS(?why, "Moscow and Beijing were instrumental")) }}""")


def test_the_2010_commitment_and_its_non_implementation(store):
    assert ask(store, XSD + """ASK { blr:IMF_Reform_Commitment_2010 bl:participant blr:International_Monetary_Fund ;
        bl:year "2010"^^xsd:gYear ; bl:callsFor blr:Topic_IMF_Reform ;
        bl:figure [ bl:numericValue 6.0 ; bl:unit bl:Percent ] .
        blr:IMF_Reforms_2010_Non-implementation bl:concerns blr:IMF_Reform_Commitment_2010 ;
            bl:participant blr:US_Congress .
        ?declared bl:speaker blr:BRICS ; bl:about blr:Fortaleza_Declaration, blr:IMF_Reforms_2010_Non-implementation }""")
    assert ask(store, """ASK { ?figure bl:about blr:United_States, blr:International_Monetary_Fund ;
        bl:numericValue 17.0 ; bl:unit bl:Percent }""")


def test_the_marginalization_and_the_voting_power_comparison(store):
    assert ask(store, """ASK { ?s a bl:Statement ; bl:speaker blr:Yu_Bin ;
        bl:about blr:BRICS, blr:International_Monetary_Fund, blr:World_Bank,
                 blr:China, blr:Belgium, blr:Netherlands, blr:Luxembourg ;
        bl:evidence/oa:exact ?example FILTER(STRSTARTS(?example, "China, for example, has less voting power")) }""")
    assert not ask(store, "ASK { blr:IMF_Reform_Commitment_2010 bl:concerns blr:Belgium }")


def test_the_reasons_of_putin_and_of_china(store):
    assert ask(store, """ASK { blr:Statement_Vladimir_Putin_BRICS_Finance_2014
        bl:reason blr:Western_Sanctions_Against_Russia_2014 ; bl:speaker blr:Vladimir_Putin ;
        bl:about blr:BRICS, blr:United_States }""")
    assert ask(store, """ASK { blr:Statement_China_BRICS_Finance_2014 bl:speaker blr:China ; bl:quote "compelled" ;
        bl:about blr:BRICS_New_Development_Bank_and_Reserve_Plan_2014, blr:IMF_Reforms_2010_Non-implementation }""")


def test_the_reserve_figures_and_china_s_comparison(store):
    assert ask(store, """ASK { ?china bl:about blr:China ; bl:numericValue 4000000000000.0 .
        ?count bl:about blr:China ; bl:numericValue 6.0 ; bl:unit bl:Item ;
            bl:evidence/oa:exact ?said FILTER(CONTAINS(?said, "the next six holdings combined")) }""")
    assert ask(store, """ASK { ?bank bl:about blr:New_Development_Bank ; bl:maxValue 350000000000.0 .
        ?report bl:source blr:Asia_Times_Online ; bl:figure ?bank }""")


def test_the_reserve_arrangement_is_also_the_reserve_fund(store):
    assert ask(store, """ASK { blr:Contingency_Reserve_Arrangement skos:altLabel "reserve fund"@en ;
        bl:valueUSD ?usd FILTER(?usd = 100000000000) }""")


def test_the_founding_of_the_institutions_70_years_before(store):
    assert ask(store, XSD + """ASK { blr:Founding_of_IMF_and_World_Bank_1944 bl:year "1944"^^xsd:gYear ;
        bl:figure [ bl:numericValue 70.0 ; bl:unit bl:Year ; bl:year "2014"^^xsd:gYear ] }""")


def test_memberships_are_triples(store):
    for member in ("Brazil", "Russia", "India", "China", "South_Africa"):
        assert ask(store, f"ASK {{ blr:{member} bl:memberOf blr:BRICS }}"), member
    assert ask(store, """ASK { blr:38th_Group_Army bl:subOrganizationOf blr:PLA_Strategic_Reserves .
        blr:PLA_Strategic_Reserves bl:subOrganizationOf blr:PLA }""")


@pytest.mark.parametrize(
    ("event", "rank"),
    [
        ("Russia_China_Veto_Syria_ICC_2014", 4),
        ("Security_and_Law_Enforcement_Mechanism_First_Meeting_2014", 1),
        ("China-Russia_Strategic_Security_Consultation_10th_Round_2014", 10),
        ("SCO_Heads_of_Border_Services_Third_Meeting_2014", 3),
        ("BRICS_Summit_2014", 6),
    ],
)
def test_the_ranks_of_the_chronology_hold_with_their_series(store, event, rank):
    assert ask(store, f"""ASK {{ blr:{event} bl:ordinal {rank} ; bl:inSeries ?series ; bl:evidence ?passage .
        ?series a bl:EventSeries ; bl:evidence ?cited }}""")


def test_what_the_chronology_entries_call_for_say_and_discuss(store):
    assert ask(store, """ASK { ?call bl:subEventOf blr:SCO_Foreign_Ministers_Meeting_2014 ;
        bl:callsFor blr:MH17_Downing_Investigation .
        blr:MH17_Downing_Investigation bl:concerns blr:MH17_Downing_2014 }""")
    assert ask(store, """ASK { ?proposal bl:proposedBy blr:Mongolia ;
        bl:callsFor [ a bl:Summit ; bl:participant blr:China, blr:Mongolia, blr:Russia ] }""")
    assert ask(store, """ASK { ?said bl:subEventOf blr:Sergey_Lavrov_Wang_Yi_Phone_Call_2014-05-14 ;
        bl:speaker blr:Sergey_Lavrov, blr:Wang_Yi ; bl:about blr:United_Nations_Security_Council ;
        bl:quote "closely coordinate their actions in the United Nations Security Council." }""")
    assert ask(store, "ASK { blr:Igor_Shuvalov_Visit_to_Beijing_2014 bl:topic blr:Topic_Economic_Cooperation }")


def test_no_comment_of_these_sections_paraphrases_a_statement(store):
    """A statement's content is its passage, its quote and its links, not a summary."""
    assert not ask(store, """ASK { VALUES ?s { blr:Statement_BRICS_IMF_Reform_2014
        blr:Statement_Xi_Jinping_Mongolia_Trilateral_Summit_2014-08-21
        blr:Statement_SCO_Foreign_Ministers_MH17_Investigation_2014 } ?s rdfs:comment ?c }""")


def test_the_border_services_discuss_a_draft_plan_for_the_isaf_withdrawal(store):
    assert ask(store, """ASK { blr:SCO_Heads_of_Border_Services_Third_Meeting_2014 bl:concerns ?plan, blr:Vostok-2014 .
        ?plan a bl:Proposal ; bl:concerns ?withdrawal .
        ?withdrawal bl:participant blr:International_Security_Assistance_Force ; bl:location blr:Afghanistan }""")
