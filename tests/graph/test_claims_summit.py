"""The claims of the opening and of "Putin in Shanghai for state visit and more" are triples.

Goals, areas, reasons, firsts and ranks, each asked of the built store, and the
mentions of the section resolved or excluded with a reason.
"""

from __future__ import annotations

import pytest
from test_claims import ask, section_mentions, store  # noqa: F401 (fixture)

# The section: the front matter, the introduction and the Shanghai summit.
SECTION_END = 8782


def test_the_introduction_counts_the_areas_and_the_months(store):
    assert ask(store, """ASK { blr:Statement_Yu_Bin_Relations_Fast_Track_2014
        bl:speaker blr:Yu_Bin ; bl:about blr:Ukraine ;
        bl:topic blr:Topic_Strategic_Partnership, blr:Topic_Economic_Cooperation, blr:Topic_Military_Cooperation ;
        bl:figure [ bl:numericValue ?areas ; bl:unit bl:Item ], [ bl:numericValue ?months ; bl:unit bl:Month ]
        FILTER(?areas = 3 && ?months = 4) }""")


def test_putins_goals_are_the_reasons_of_the_visit(store):
    assert ask(store, """ASK { blr:Putin_State_Visit_to_China_2014
        bl:reason blr:China_Russia_Gas_Contract_2014, blr:CICA_Summit_2014 ; bl:host blr:China ;
        bl:evidence/oa:exact ?goals .
        FILTER(STRSTARTS(?goals, "Putin had three immediate goals")) }""")


@pytest.mark.parametrize(("event", "rank", "series"), [
    ("Putin_State_Visit_to_China_2014", 1, "Putin's foreign visits since the Ukraine crisis"),
    ("Putin_Xi_Talks_Shanghai_2014", 7, "Putin-Xi meetings since Xi assumed the presidency"),
    ("CICA_Summit_2014", 4, "CICA summits"),
    ("Victory_in_World_War_II_70th_Anniversary_2015", 70, "anniversaries of victory in World War II"),
])
def test_firsts_and_ranks_name_their_series(store, event, rank, series):
    assert ask(store, f"""ASK {{ blr:{event} bl:ordinal {rank} ; bl:inSeries ?series .
        ?series a bl:EventSeries ; rdfs:label "{series}"@en ; bl:evidence ?passage }}""")


def test_the_anniversary_is_what_the_joint_statement_plans_to_celebrate(store):
    assert ask(store, """ASK { blr:China_Russia_Joint_Statement_2014 bl:callsFor blr:WWII_70th_Anniversary_Joint_Events_2015 .
        blr:WWII_70th_Anniversary_Joint_Events_2015 bl:concerns blr:Victory_in_World_War_II_70th_Anniversary_2015 ;
            bl:participant blr:China, blr:Russia .
        blr:Victory_in_World_War_II_70th_Anniversary_2015 bl:concerns blr:World_War_II ; bl:year ?year }""")
    assert not ask(store, "ASK { blr:WWII_70th_Anniversary_Joint_Events_2015 bl:ordinal ?rank }")


def test_what_the_communique_and_the_joint_projects_call_for(store):
    assert ask(store, """ASK { blr:China_Russia_Joint_Communique_2014 bl:callsFor
        blr:Topic_Mutual_Investment, blr:Topic_Transport_Infrastructure, blr:Topic_Mineral_Resources,
        blr:Topic_Energy_Cooperation, blr:Topic_Affordable_Housing, blr:Topic_Military_Cooperation }""")
    assert ask(store, """ASK { blr:Statement_Xi_Jinping_Vladimir_Putin_Joint_Projects_2014 bl:callsFor
        blr:Topic_Aerospace, blr:Topic_Nuclear_Energy, blr:Topic_Health_Care, blr:Topic_Agriculture,
        blr:Topic_Regional_Development, blr:Topic_Environment }""")


def test_the_areas_of_security_coordination_and_the_forums(store):
    assert ask(store, """ASK { blr:Statement_Xi_Jinping_Vladimir_Putin_Security_Coordination_2014 bl:topic
        blr:Topic_Terrorism, blr:Topic_Cross-Border_Crime, blr:Topic_Cyber_Security,
        blr:Topic_Missile_Proliferation, blr:Topic_Outer_Space, blr:Topic_Multilateralism,
        blr:Topic_Dialogue_Between_Civilizations, blr:Topic_Regional_Issues }""")
    assert ask(store, """ASK { blr:Statement_Xi_Jinping_Vladimir_Putin_Multilateral_Forums_2014 bl:about
        blr:G-20, blr:BRICS, blr:Shanghai_Cooperation_Organization, blr:Topic_Eurasian_Integration,
        blr:Russian-China-Indian_Trilateral_Dialogue, blr:Topic_New_Silk_Road_Economic_Belt,
        blr:East_Asian_Summit, blr:ASEAN_Regional_Forum, blr:APEC,
        blr:Conference_on_Interaction_and_Confidence_Building_Measures_in_Asia }""")


def test_reasons_of_the_economic_statements(store):
    assert ask(store, """ASK { blr:Statement_Xi_Jinping_Vladimir_Putin_National_Currency_Settlements_2014
        bl:reason blr:Russia_Capital_Flight_2013-2014 }""")
    assert ask(store, """ASK { blr:Statement_Yu_Bin_Economic_Base_2014
        bl:reason blr:Western_Sanctions_Against_Russia_First_Round_2014 ;
        bl:about blr:Declaration_New_Stage_of_Comprehensive_Strategic_Partnership_2014 }""")


def test_the_authors_economic_reading_states_trade_and_the_turn_to_china(store):
    assert ask(store, """ASK { ?trade bl:subEventOf blr:Statement_Yu_Bin_Economic_Base_2014 ;
        bl:speaker blr:Yu_Bin ; bl:about blr:China, blr:Russia ; bl:dateText "for some time" ;
        bl:evidence/oa:exact ?passage FILTER(CONTAINS(?passage, "largest trading partner")) }""")
    assert ask(store, """ASK { ?turn bl:subEventOf blr:Statement_Yu_Bin_Economic_Base_2014 ;
        bl:speaker blr:Yu_Bin ; bl:about blr:China, blr:Russia ;
        bl:reason blr:Western_Sanctions_Against_Russia_First_Round_2014 ;
        bl:topic blr:Topic_Financial_Sector }""")


def test_the_documents_of_the_visit_are_an_upper_bound(store):
    assert ask(store, """ASK { blr:Putin_State_Visit_to_China_2014 bl:figure ?documents .
        ?documents bl:maxValue ?n ; bl:unit bl:Item FILTER(?n = 43)
        FILTER NOT EXISTS { ?documents bl:numericValue ?exact } }""")


def test_the_count_of_putin_xi_meetings_starts_from_xis_presidency(store):
    assert ask(store, """ASK { blr:Putin_Xi_Talks_Shanghai_2014 bl:ordinal 7 ; bl:inSeries ?meetings .
        ?meetings skos:related blr:Xi_Jinping_Assumption_of_Presidency_2013 .
        blr:Xi_Jinping_Assumption_of_Presidency_2013 bl:yearMonth ?month FILTER(STR(?month) = "2013-03") }""")


def test_quarters_are_the_periods_of_the_figures(store):
    assert ask(store, """ASK { blr:Figure_Russian_Borrowing_from_China_2014_Q1
        bl:startDate ?start ; bl:endDate ?end ; bl:evidence/oa:exact ?words
        FILTER(STR(?start) = "2014-01-01" && STR(?end) = "2014-03-31")
        FILTER(STRSTARTS(?words, "in the first quarter of 2014")) }""")


def test_lavrovs_visit_and_the_authors_reading_of_it(store):
    assert ask(store, """ASK { blr:Sergey_Lavrov_Working_Visit_to_Beijing_2014 bl:host blr:China ;
            bl:participant blr:Russia .
        ?reading bl:speaker blr:Yu_Bin ; bl:about blr:Xi_Jinping_Reception_of_Sergey_Lavrov_2014,
            blr:Sergey_Lavrov_Working_Visit_to_Beijing_2014 }""")


def test_the_sanctions_name_the_sectors_they_focus_on_and_hit(store):
    assert ask(store, """ASK { blr:EU_US_Sanctions_Against_Russia_2014-07
        bl:topic blr:Topic_Oil_Sector, blr:Topic_Defense_Sector ; bl:concerns blr:Russia }""")
    assert ask(store, """ASK { blr:Western_Sanctions_Against_Russia_First_Round_2014
        bl:topic blr:Topic_Financial_Sector }""")
    assert ask(store, """ASK { ?hit bl:reason blr:Western_Sanctions_Against_Russia_2014 ;
        bl:participant blr:Russia ; bl:topic blr:Topic_Financial_Sector ;
        bl:evidence/oa:exact ?passage FILTER(CONTAINS(?passage, "hit hard")) }""")


def test_the_odessa_victims_are_pro_russian_activists(store):
    assert ask(store, """ASK { blr:Odessa_Fire_2014 bl:casualties 42 ;
        bl:casualtiesText "pro-Russian activists" }""")


def test_the_election_came_a_few_days_after_putins_trip(store):
    assert ask(store, """ASK { blr:Ukrainian_Presidential_Election_2014
        bl:precededBy blr:Putin_State_Visit_to_China_2014 ;
        bl:relativeTo blr:Putin_State_Visit_to_China_2014 ;
        bl:dateText "just a few days before" }""")


def test_germany_calls_for_reining_in_the_crisis_to_avoid_a_confrontation(store):
    assert ask(store, """ASK { blr:Statement_Germany_Ukraine_Crisis_2014 bl:speaker blr:Germany ;
        bl:callsFor ?reining ; bl:about ?confrontation .
        ?reining bl:location blr:Eastern_Ukraine ; bl:reason ?confrontation .
        ?confrontation bl:participant blr:Ukraine, blr:Russia }""")


def test_the_nuclear_remark_follows_the_strategy_review(store):
    assert ask(store, """ASK { blr:Statement_Vladimir_Putin_Nuclear_Power_2014
        bl:speaker blr:Vladimir_Putin ;
        skos:related blr:Russian_Military_Strategy_Review_2014 }""")


def test_every_mention_of_the_section_is_resolved_or_excluded(coverage_report):
    _, left = section_mentions(coverage_report, 0, SECTION_END)
    assert not left, "\n".join(left)
