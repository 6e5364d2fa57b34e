"""The claims of "Beijing's 'neutrality' and 'reluctant alliance' with Moscow" are triples.

Reasons, grounds of the author's judgements, who said what (each claim its own
statement, parts of a reported whole as sub-events), and the mentions of the
section resolved or excluded with a reason.
"""

from __future__ import annotations

import pytest
from test_claims import PREFIXES, ask, section_mentions, store  # noqa: F401 (fixture)

from bilateral.graph.seeds import load_seeds

HEADING = "Beijing's \"neutrality\" and \"reluctant alliance\" with Moscow"
NEXT_HEADING = "Chronology of China-Russia Relations"


def test_the_crimea_takeover_is_russias_in_crimea(store):
    assert ask(store, """ASK { blr:Crimea_Takeover bl:location blr:Crimea ; bl:participant blr:Russia .
        blr:Crimea a bl:Region }""")


def test_the_reasons_of_chinas_neutrality_are_situations_with_their_parties(store):
    assert ask(store, """ASK { blr:China_Declaration_of_Neutrality_Ukraine_Crisis
        bl:participant blr:China ; bl:reason ?relations, ?aloof .
        ?relations bl:participant blr:China, blr:Russia, blr:Ukraine .
        ?aloof bl:participant blr:China ;
            bl:concerns blr:Ouster_of_Yanukovich_2014, blr:Crimea_Takeover, blr:MH17_Downing_2014 }""")


def test_neutrality_as_the_only_rational_choice_is_the_authors_with_its_reason(store):
    assert ask(store, """ASK { ?judgement bl:speaker blr:Yu_Bin ;
        bl:about blr:China_Declaration_of_Neutrality_Ukraine_Crisis ; bl:reason ?confrontation .
        ?confrontation bl:participant blr:Russia, blr:European_Union, blr:United_States }""")
    assert ask(store, """ASK { ?s bl:speaker blr:Yu_Bin ; bl:about blr:China ;
        bl:evidence/oa:exact "Furthermore, there is little China could do to defuse the crises." }""")


def test_the_author_rebuts_the_biggest_winner_with_what_evaporated(store):
    assert ask(store, """ASK { blr:Statement_China_Biggest_Winner bl:speakerText ?someone ;
        bl:quote "biggest winner" .
        ?rebuttal bl:speaker blr:Yu_Bin ; bl:about blr:Statement_China_Biggest_Winner, blr:China ;
            bl:reason ?evaporation .
        ?evaporation bl:reason blr:Ouster_of_Yanukovich_2014 ; bl:participant blr:China ;
            bl:concerns blr:Yanukovich_Visit_to_China_2013, blr:China_Loan_Package_to_Ukraine_2013,
                blr:China_Military_Technological_Interactions ; bl:yearMonth ?month .
        FILTER(STR(?month) = "2014-02") }""")
    assert not ask(store, "ASK { blr:Statement_China_Biggest_Winner bl:speaker ?anyone }")


def test_the_military_technological_interactions_fed_modernization_and_russia_disliked_them(store):
    assert ask(store, """ASK { ?modernization bl:participant blr:China ;
        bl:reason blr:China_Military_Technological_Interactions ;
        bl:evidence/oa:exact "a major source of China's military modernization" .
        ?dislike bl:participant blr:Russia ; bl:concerns blr:China_Military_Technological_Interactions }""")
    # The article names no partner of the interactions: none is stated.
    assert not ask(store, """ASK { blr:China_Military_Technological_Interactions
        bl:participant blr:Ukraine }""")


def test_the_strategic_opportunity_seems_remote_for_the_reasons_the_author_gives(store):
    assert ask(store, """ASK { ?remote bl:speaker blr:Yu_Bin ;
        bl:about blr:Statement_Chinese_Expectation_Strategic_Opportunity ;
        bl:reason ?rebalancing, blr:Statement_US_Policy_Critics_Ignore_Russia .
        ?rebalancing bl:participant blr:Obama_Administration ; bl:concerns blr:China ;
            bl:relativeTo blr:Crimea_Takeover ; bl:topic blr:Topic_US_Rebalancing .
        blr:Obama_Travel_to_Japan_Korea_and_the_Philippines_2014 bl:subEventOf ?rebalancing ;
            bl:yearMonth ?april FILTER(STR(?april) = "2014-04") }""")
    assert ask(store, """ASK { blr:Statement_Chinese_Expectation_Strategic_Opportunity
        bl:speakerText "some in China" ; bl:topic blr:Topic_Ukraine_Crisis }""")
    assert ask(store, """ASK { blr:Statement_US_Policy_Critics_Ignore_Russia
        bl:about blr:Russia, blr:United_States, blr:China ; bl:speakerText ?critics }""")


def test_talk_of_an_alliance_is_heard_in_both_countries(store):
    assert ask(store, """ASK { ?talk bl:location blr:Russia, blr:China ;
        bl:topic blr:Topic_Alliance, blr:Topic_Strategic_Partnership, blr:Topic_Ukraine_Crisis ;
        bl:dateText "With the deepening of the Ukraine crisis" }""")


def test_russian_denials_and_their_reasons(store):
    assert ask(store, """ASK { blr:Statement_Sergei_Ivanov_Alliance_2014-07
        bl:subEventOf ?officials ; bl:about blr:Russia, blr:China, blr:Ukraine .
        ?officials bl:speakerText "Other top Russian officials" ; bl:topic blr:Topic_Alliance }""")
    assert ask(store, """ASK { blr:Statement_Vladimir_Putin_Alliance_2014-04 bl:reason ?outdated ;
        bl:about blr:Russia, blr:China .
        ?outdated bl:speaker blr:Vladimir_Putin ; bl:subEventOf blr:Statement_Vladimir_Putin_Alliance_2014-04 }""")
    assert ask(store, """ASK { blr:Statement_Sergei_Ivanov_Alliance_2014-07-11
        bl:about blr:Russia, blr:China, blr:Shanghai_Cooperation_Organization ; bl:location blr:Beijing }""")


def test_the_pundits_debate_holds_the_caution_and_the_consensus(store):
    assert ask(store, """ASK { ?debate bl:speakerText "pundits in China" ; bl:location blr:China ;
        bl:about blr:Russia .
        ?caution bl:subEventOf ?debate ; bl:about blr:China, blr:Russia .
        ?consensus bl:subEventOf ?debate ; bl:speakerText "the general consensus" ;
            bl:topic blr:Topic_Strategic_Partnership .
        FILTER(?caution != ?consensus) }""")


def test_each_global_times_claim_is_a_statement_of_the_paper(store):
    query = """SELECT (COUNT(DISTINCT ?claim) AS ?n) WHERE {
        ?claim bl:subEventOf blr:Statement_Global_Times_Alliance_2014-05 ; bl:speaker blr:Global_Times }"""
    (row,) = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert int(row["n"].value) == 3
    # The sentences between two the article gives the paper have no speaker: the author's.
    assert ask(store, """ASK { ?claim bl:speaker blr:Yu_Bin ;
        skos:related blr:Statement_Global_Times_Alliance_2014-05 ;
        bl:evidence/oa:exact ?words FILTER(CONTAINS(?words, "Western pressure, nevertheless")) }""")
    assert ask(store, """ASK { ?claim bl:subEventOf blr:Statement_Global_Times_Alliance_2014-05 ;
        bl:quote "calm and indifference" ; bl:about blr:China, blr:Russia }""")
    assert ask(store, """ASK { ?claim bl:subEventOf blr:Statement_Global_Times_Alliance_2014-05 ;
        bl:about blr:United_States ; bl:topic blr:Topic_Strategic_Partnership ;
        bl:evidence/oa:exact ?words FILTER(CONTAINS(?words, "driven by their respective interests")) }""")


def test_the_global_times_is_dated_by_the_talks_and_the_bargaining(store):
    assert ask(store, """ASK { blr:Statement_Global_Times_Alliance_2014-05
        bl:relativeTo blr:Putin_Xi_Talks_Shanghai_2014, ?bargaining .
        blr:Putin_Xi_Talks_Shanghai_2014 bl:participant blr:Xi_Jinping, blr:Vladimir_Putin ;
            bl:location blr:Shanghai ;
            bl:evidence/oa:exact "when Xi and Putin were meeting in Shanghai" .
        ?bargaining a bl:Negotiation ; bl:subEventOf blr:China_Russia_Gas_Negotiations ;
            bl:concerns blr:China_Russia_Gas_Contract_2014 ; bl:participant blr:China, blr:Russia ;
            bl:dateText "to the small hours of May 21" }""")


def test_arbatov_gives_trade_as_the_reason_neither_will_fight(store):
    assert ask(store, """ASK { blr:Statement_Alexei_Arbatov_Alliance bl:reason ?trade ;
        bl:about blr:China, blr:Russia, blr:Crimea ; bl:subEventOf ?scholars .
        ?trade bl:speaker blr:Alexei_Arbatov ; bl:subEventOf ?scholars ;
            bl:about blr:European_Union, blr:United_States, blr:Russia, blr:China ;
            bl:figure [ bl:minValue ?min ; bl:maxValue ?max ; bl:unit bl:Times ] .
        ?scholars bl:speakerText "Russian scholars" ; bl:about blr:NATO, blr:Warsaw_Pact .
        FILTER(?min = 5 && ?max = 6) }""")


def test_the_authors_readings_of_the_alliance_are_his_statements(store):
    for evidence in (
        "In the final analysis, a tight alliance",
        "What Beijing and Moscow seemed to be trying to avoid",
        "The press conference’s additional “alliance component”",
        "For better or worse, the current policies of the Obama administration",
    ):
        assert ask(store, f"""ASK {{ ?s bl:speaker blr:Yu_Bin ; bl:about blr:China, blr:Russia ;
            bl:evidence/oa:exact ?e FILTER(STRSTARTS(?e, "{evidence}")) }}"""), evidence
    assert ask(store, "ASK { blr:Statement_Yu_Bin_Alliance_2014 bl:about blr:NATO }")
    assert ask(store, """ASK { blr:Statement_Yu_Bin_US_Policies_2014 bl:about blr:Obama_Administration ;
        bl:topic blr:Topic_US_Rebalancing . blr:Topic_US_Rebalancing skos:hiddenLabel "Asia pivot"@en }""")
    # The author's words are statements, never quotes: a quote carries the speaker the article gives it.
    assert not ask(store, "ASK { ?s bl:speaker blr:Yu_Bin ; bl:quote ?q }")


def test_the_analysts_call_and_the_report_they_went_beyond(store):
    assert ask(store, """ASK { blr:Statement_Chinese_Analysts_Alliance_2014 bl:callsFor blr:Topic_Alliance ;
        bl:about blr:Russia, blr:Europe, blr:United_States, blr:Vladimir_Putin .
        ?reading bl:speaker blr:Yu_Bin ;
            bl:about blr:China_National_Security_Report_2014, blr:China_National_Security_Report_News_Conference_2014 }""")
    assert ask(store, """ASK { blr:Sergey_Lavrov_Working_Visit_to_Beijing_2014 bl:participant blr:Sergey_Lavrov ;
        bl:location blr:Beijing ; bl:evidence/oa:exact "Foreign Minister Lavrov’s working visit to Beijing" }""")


@pytest.mark.parametrize(("phrase", "topic"), [
    ("Sino-Russian strategic partnership", "Topic_Strategic_Partnership"),
    ("Sino-Russian alliance", "Topic_Alliance"),
])
def test_the_sino_russian_phrases_name_their_topics(store, phrase, topic):
    assert ask(store, f"""ASK {{ blr:{topic} skos:hiddenLabel "{phrase}"@en .
        ?s bl:topic blr:{topic} ; bl:evidence/oa:exact ?e FILTER(CONTAINS(?e, "{phrase}")) }}""")


def test_every_mention_of_the_section_is_resolved_or_excluded(coverage_report, project_dir):
    (seed,) = load_seeds(project_dir / "seeds")
    start = seed.text.index(HEADING)
    inside, left = section_mentions(coverage_report, start, seed.text.index(NEXT_HEADING, start))
    assert len(inside) > 100  # the section's mentions, not an empty range
    assert not left, "\n".join(left)
