"""The claims of the section "Joint Sea-2014 and Peace Mission-2014" are triples.

Ranks and firsts, scenarios, units and their equipment, readings and reasons,
and every date, number, ordinal and name of the section resolved or excluded.
"""

from __future__ import annotations

import pytest
from test_claims import ask, section_mentions, store  # noqa: F401 (fixture)

# The section's span of the seed, its heading included, Table 1 too.
SECTION = (13683, 22601)


def test_joint_sea_2014_is_the_third_drill_since_april_2012(store):
    assert ask(store, """ASK { blr:Joint_Sea-2014 bl:ordinal 3 ; bl:inSeries ?drills .
        blr:Joint_Sea-2012 bl:ordinal 1 ; bl:inSeries ?drills ; bl:startDate ?start .
        ?drills a bl:EventSeries ; rdfs:label "joint drills of the Chinese and Russian navies since April 2012"@en .
        FILTER(STRSTARTS(STR(?start), "2012-04")) }""")


@pytest.mark.parametrize("first, series", [
    ("Joint_Sea-2014_All_Three_Chinese_Fleets", "Joint_Drills_with_All_Three_Chinese_Fleets"),
    ("Joint_Sea-2014_Drill_Air_Defense", "Joint_Naval_Air_Defense_Drills"),
    ("Joint_Sea-2014_Opening_Ceremony", "Joint_Exercise_Openings_Presided_over_by_Both_Heads_of_State"),
    ("Joint_Sea-2014_Data_Sharing", "Chinese_Russian_Naval_Data_Sharing"),
    ("Joint_Sea-2014_Drilling_in_the_East_China_Sea", "Chinese_Russian_Naval_Drills_in_the_Joint_Sea-2014_Area"),
    ("Peace_Mission-2014_Training_with_Foreign_Units_at_Zhurihe", "Chinese_Training_with_Foreign_Units_at_Zhurihe"),
    ("Peace_Mission-2014_Exercise_Operation", "Peace_Mission_Operations_Commanded_by_a_Chinese_General"),
    ("Peace_Mission-2014_General_Staff_Chiefs_Meeting", "SCO_General_Staff_Chiefs_Meetings_during_Peace_Mission"),
    ("Peace_Mission-2014_38th_Group_Army_with_Russian_Forces", "38th_Group_Army_Exercises_with_Russian_Friendly_Forces"),
])
def test_each_first_is_rank_one_of_its_series_and_part_of_its_exercise(store, first, series):
    assert ask(store, f"""ASK {{ blr:{first} bl:ordinal 1 ; bl:inSeries blr:{series} ;
        bl:subEventOf ?exercise ; bl:evidence ?passage .
        blr:{series} a bl:EventSeries ; bl:evidence ?cited .
        VALUES ?exercise {{ blr:Joint_Sea-2014 blr:Peace_Mission-2014 }} }}""")


def test_an_event_has_one_rank(store):
    """A second rank goes to the part of the event it concerns, so rank and series pair up."""
    assert not ask(store, """ASK { GRAPH <https://w3id.org/bilateral/graph/data> {
        ?event bl:ordinal ?a , ?b FILTER(?a != ?b) } }""")


def test_joint_sea_2014_fleets_formations_drills_and_area(store):
    assert ask(store, """ASK { blr:Joint_Sea-2014_All_Three_Chinese_Fleets
        bl:participant blr:North_Sea_Fleet , blr:East_Sea_Fleet , blr:South_Sea_Fleet .
        blr:Joint_Sea-2014_Mixed_Formations bl:subOrganizationOf blr:Chinese_Navy , blr:Russian_Navy ;
            bl:figure [ bl:numericValue 3.0 ] .
        blr:Joint_Sea-2014_Data_Sharing bl:reason blr:Joint_Sea-2014_Mixed_Formations .
        blr:Joint_Sea-2014_Drilling_Area bl:locatedIn blr:East_China_Sea .
        blr:Diaoyu_Senkaku_Islands bl:locatedIn blr:Joint_Sea-2014_Drilling_Area }""")
    drills = store.query("""PREFIX bl: <https://w3id.org/bilateral/ontology#>
        PREFIX blr: <https://w3id.org/bilateral/resource/>
        SELECT ?drill WHERE { ?drill bl:subEventOf blr:Joint_Sea-2014 ;
            bl:participant blr:Joint_Sea-2014_Mixed_Formations ;
            bl:location blr:Joint_Sea-2014_Drilling_Area }""", use_default_graph_as_union=True)
    assert len(list(drills)) == 9


def test_scenarios_focus_and_working_language(store):
    assert ask(store, """ASK { blr:Joint_Sea-2014 bl:scenario blr:Topic_Sea_Lane_Protection ;
        bl:workingLanguage "Russian" .
        blr:Peace_Mission-2014 bl:scenario blr:Topic_Terrorism ;
        bl:topic blr:Topic_Intelligence_Sharing , blr:Topic_Joint_Multilateral_Decision-Making }""")


def test_peace_mission_2014_rank_units_and_plan(store):
    assert ask(store, """ASK { blr:Peace_Mission-2014 bl:ordinal 5 ;
        bl:inSeries/rdfs:label "SCO joint multinational exercises"@en ;
        bl:participant blr:Chinese_All-Female_Special_Forces_Unit , blr:Peace_Mission-2014_Russian_Unit .
        blr:Chinese_All-Female_Special_Forces_Unit bl:subOrganizationOf blr:Chinese_Special_Forces .
        blr:SCO_Cooperation_Plan_2014-15 bl:callsFor blr:Peace_Mission-2014 .
        blr:SCO_Defence_Ministerial_Meeting bl:callsFor blr:SCO_Cooperation_Plan_2014-15 }""")


def test_which_unit_has_what(store):
    for model in ("BM-21_Grad", "BMP-2", "SAU_2S3_Akatsiya", "T-72", "ZSU-23-4_Shilka"):
        assert ask(store, f"ASK {{ blr:{model} bl:operatedBy blr:Peace_Mission-2014_Russian_Unit }}"), model
    assert ask(store, """ASK { blr:ZTZ-99 bl:operatedBy blr:38th_Group_Army , blr:China ;
        bl:equipmentType "main battle tank" .
        blr:ZBD-86 bl:equipmentType "APC" .
        blr:Peace_Mission-2014_Russian_Unit bl:figure [ bl:about blr:T-72 ; bl:numericValue 1.0 ] }""")


def test_xi_at_the_strategic_defense_command(store):
    assert ask(store, """ASK { blr:Xi_Jinping_Visit_to_Strategic_Defense_Command_Headquarters_2013
            bl:ordinal 1 ; bl:host blr:Russia ;
            bl:inSeries blr:Foreign_Leader_Visits_to_the_Strategic_Defense_Command .
        blr:Xi_Jinping_Visit_to_Russia_2013 bl:ordinal 1 ; bl:inSeries blr:Xi_Jinping_Visits_to_Russia_as_President .
        ?speech bl:speaker blr:Vladimir_Putin ;
            bl:about blr:Xi_Jinping_Visit_to_Strategic_Defense_Command_Headquarters_2013 ,
                blr:World_War_II , blr:Liberation_of_Northeastern_China .
        blr:World_War_II bl:participant blr:China , blr:Russia .
        blr:Liberation_of_Northeastern_China bl:subEventOf blr:World_War_II ;
            bl:location blr:Northeastern_China }""")


def test_readings_and_reported_claims_keep_their_speakers(store):
    assert ask(store, """ASK { blr:Statement_Wu_Dahui_Military_Cooperation_2014 bl:speaker blr:Wu_Dahui ;
            bl:about blr:China_ADIZ_Establishment , blr:Joint_Sea-2014_Drill_Air_Defense .
        blr:China_ADIZ_Establishment bl:participant blr:China ;
            bl:concerns blr:Air_Defense_Identification_Zone .
        blr:Statement_Li_Jie_Military_Cooperation_2014 bl:about blr:Joint_Sea-2014_Drilling_Area .
        blr:Statement_China_Peace_Mission-2014_Firsts bl:speaker blr:China ; bl:speakerText "the Chinese" ;
            bl:about blr:Peace_Mission-2014_Exercise_Operation .
        ?purpose bl:speaker blr:China ; bl:about blr:Peace_Mission-2014 ;
            bl:topic blr:Topic_Terrorism .
        ?question bl:speaker blr:Yu_Bin ; bl:about blr:ZTZ-99 , blr:38th_Group_Army .
        blr:Decision_Timing_of_Joint_Sea-2014_and_Peace_Mission-2014
            bl:callsFor blr:Joint_Sea-2014 , blr:Peace_Mission-2014 ;
            bl:dateText "long before the Ukraine crisis" }""")
    # "unprecedented" is reported, not quoted: no speaker carries it as their words.
    assert not ask(store, """ASK { ?s bl:quote ?q FILTER(CONTAINS(?q, "unprecedented")) }""")


def test_the_navies_first_drilled_in_the_disputed_part_of_the_east_china_sea(store):
    assert ask(store, """ASK { ?drilling bl:subEventOf blr:Joint_Sea-2014 ; bl:ordinal 1 ;
        bl:location blr:Joint_Sea-2014_Drilling_Area ;
        bl:participant blr:Chinese_Navy, blr:Russian_Navy .
        blr:Joint_Sea-2014_Drilling_Area bl:locatedIn blr:East_China_Sea .
        blr:Diaoyu_Senkaku_Islands bl:locatedIn blr:Joint_Sea-2014_Drilling_Area }""")


def test_joint_sea_2014_has_four_stages_in_order(store):
    assert ask(store, """ASK { blr:Joint_Sea-2014 bl:figure [ bl:measures ?m ; bl:numericValue ?n ] FILTER(?n = 4)
        ?first bl:subEventOf blr:Joint_Sea-2014 ; bl:ordinal 1 ; bl:followedBy ?second .
        ?second bl:ordinal 2 ; bl:followedBy ?third . ?third bl:ordinal 3 ; bl:followedBy ?last .
        ?last bl:ordinal 4 ; bl:subEventOf blr:Joint_Sea-2014 FILTER(CONTAINS(?m, "stages")) }""")


def test_the_force_on_force_drills_raised_the_difficulty(store):
    assert ask(store, """ASK { ?raise bl:concerns blr:Joint_Sea-2014 ;
        bl:reason blr:Joint_Sea-2014_Force-on-Force_Drills ;
        bl:evidence/oa:exact "This raised the difficulty of the exercise to a new level." }""")


def test_peace_mission_2014_is_the_largest_since_peace_mission_2005(store):
    assert ask(store, """ASK { ?comparison a bl:Statement ; bl:speaker blr:Yu_Bin ;
        bl:about blr:Peace_Mission-2014, blr:Peace_Mission-2005 ;
        bl:figure [ bl:about blr:Peace_Mission-2014 ; bl:unit bl:Troops ] }""")


def test_zhurihe_simulates_digitized_and_electronic_warfare(store):
    assert ask(store, """ASK { blr:Zhurihe_Training_Base a bl:MilitaryFacility ;
        bl:simulates blr:Topic_Digitized_Warfare, blr:Topic_Electronic_Warfare .
        blr:Topic_Electronic_Warfare a bl:Topic }""")


def test_every_mention_of_the_section_is_resolved_or_excluded(coverage_report):
    inside, left = section_mentions(coverage_report, *SECTION)
    assert len(inside) > 200
    assert not left, "unresolved mentions:\n" + "\n".join(left)
