"""Origins and destinations a whole document settles: its corridor, returns along it, crossings."""

from __future__ import annotations

from datetime import date

from exodus.models import RawDocument
from exodus.pipeline import process_document


def corridors(text: str, published: date = date(2023, 6, 9)) -> dict[float, tuple[str, str]]:
    result = process_document(RawDocument("t.txt", text.encode(), published=published))
    assert result.rejection is None, result.rejection

    def code(p: object) -> str:
        return getattr(p, "country", None) or "?"

    return {f.value: (code(f.origin), code(f.destination)) for f in result.facts}


def test_people_returning_run_the_documents_corridor_the_other_way() -> None:
    got = corridors(
        "HELSINKI - Some 8,100 Russians entered Finland across the eastern border on Sunday, the "
        "Finnish Border Guard said. Over the same weekend, 2,600 Russians returned to Russia, "
        "many of them shoppers heading home.",
        date(2022, 9, 26),
    )
    assert got[8100] == ("RU", "FI")
    assert got[2600] == ("FI", "RU")


def test_deportations_leave_the_host_country_of_the_story() -> None:
    got = corridors(
        "ASTANA - More than 60,000 Russians have arrived in Kazakhstan since the mobilisation "
        "was announced, officials said. The migration service said 17 Russian citizens had "
        "been deported for breaking residence rules.",
        date(2022, 10, 20),
    )
    assert got[60000] == ("RU", "KZ")
    assert got[17] == ("KZ", "RU")


def test_moves_inside_the_destination_do_not_turn_the_corridor_round() -> None:
    text = (
        "Since the war in Sudan began, more than 90,000 people have crossed from Sudan into "
        "South Sudan, most of them through the Joda border crossing. Every day, between 1,200 "
        "and 1,800 people arrive at Joda. Since mid-May, about 4,000 returnees have been moved "
        "by boat from Renk to Malakal. Many families have been stuck at Joda for up to two weeks."
    )
    got = corridors(text)
    assert got[90000] == ("SD", "SS")
    assert got[1500] == ("SD", "SS")  # the range's midpoint
    assert got[4000] == ("SS", "SS")  # relocation inside South Sudan
    assert got[14] == ("SD", "SS")  # the wait, at a crossing of the same corridor


def test_in_a_story_of_people_going_home_returns_run_with_the_corridor() -> None:
    got = corridors(
        "TORKHAM - More than 150,000 Afghans have crossed from Pakistan into Afghanistan since "
        "the deadline expired, border officials said. Of those, about 3,400 were deported "
        "after police raids, the International Organization for Migration said.",
        date(2023, 11, 5),
    )
    assert got[150000] == ("PK", "AF")
    assert got[3400] == ("PK", "AF")


def test_aid_groups_and_un_agencies_speak_for_no_country() -> None:
    got = corridors(
        "About 6,500 people crossed into Chad on Sunday alone, the Danish Refugee Council said.",
        date(2023, 6, 19),
    )
    assert got[6500] == ("?", "TD")
    got = corridors("About 6,500 people fled on Sunday, the Danish Refugee Council said.")
    assert got[6500][1] != "DK"
    got = corridors("About 6,500 people arrived on Sunday, the Chadian interior ministry said.")
    assert got[6500] == ("?", "TD")


def test_exits_counted_after_entries_leave_the_country_the_entries_went_into() -> None:
    got = corridors(
        "Kazakhstan's interior ministry said 81,000 Russian citizens entered the country between "
        "Sept. 21 and Sept. 26, and 52,000 left over the same period.",
        date(2022, 9, 27),
    )
    assert got[81000] == ("RU", "KZ")
    assert got[52000] == ("KZ", "?")
    got = corridors(
        "Some 9,100 Russians entered Finland on Saturday, the border guard said. Over the same "
        "weekend 4,400 Russians returned to Russia. On Sunday a further 7,900 Russians arrived.",
        date(2022, 9, 26),
    )
    assert got[4400] == ("FI", "RU")
    assert got[7900] == ("RU", "FI")  # arriving after a figure of people going back


def test_an_official_body_speaks_for_its_country_whatever_its_plural() -> None:
    got = corridors(
        "More than 6,000 Russians have arrived since last Wednesday, Armenia's migration "
        "service said. Some 4,500 people a day are now arriving, Georgian authorities said.",
        date(2022, 9, 28),
    )
    assert got[6000] == ("RU", "AM")
    assert got[4500][1] == "GE"


def test_place_names_with_particles_are_read_whole() -> None:
    got = corridors(
        "Cuban authorities said they had evacuated 40,000 people in Pinar del Río province "
        "before the hurricane made landfall.",
        date(2022, 9, 27),
    )
    assert got[40000] == ("CU", "CU")


def test_a_town_and_its_country_share_a_role_and_currencies_are_not_places() -> None:
    got = corridors(
        "More than 4,000 people arrived on Lampedusa yesterday in small boats that had set out "
        "from around Sfax in Tunisia. Aid groups appealed for US$12 million to shelter up to "
        "20,000 more arrivals in Italy.",
        date(2023, 9, 13),
    )
    assert got[4000] == ("TN", "IT")
    assert got[20000][1] == "IT"


def test_the_checkpoint_is_the_crossing_named_before() -> None:
    text = (
        "Cars queued for hours at the Upper Lars crossing on Monday. The FSB border service "
        "said on Tuesday that about 3,000 people a day were now leaving Russia through the "
        "checkpoint."
    )
    result = process_document(RawDocument("t.txt", text.encode(), published=date(2022, 10, 5)))
    (fact,) = result.facts
    assert fact.place is not None and fact.place.kind == "crossing"
    assert (fact.origin and fact.origin.country, fact.destination and fact.destination.country) == (
        "RU",
        "GE",
    )


def test_a_joint_speaker_speaks_for_the_country_of_its_state_part() -> None:
    from exodus.pipeline import load_extractor
    from exodus.resolve.context import Context
    from exodus.resolve.places import speaker_places

    ex = load_extractor()
    ctx = Context("t", "", None, None, False, None, [], ex.gaz, ex.lex)  # type: ignore[arg-type]
    assert speaker_places(ctx, "UNHCR and the Chadian authorities") == (None, "TD")
    assert speaker_places(ctx, "UNHCR") == (None, None)


def test_its_ministry_belongs_to_the_country_the_sentence_before_is_about() -> None:
    got = corridors(
        "Kazakhstan, which shares a long border with Russia, has also seen a surge of arrivals. "
        "Its interior ministry said on Tuesday that 91,000 Russians had entered since Sept. 21.",
        date(2022, 9, 28),
    )
    assert got[91000] == ("RU", "KZ")


def test_a_speakers_name_is_not_a_town() -> None:
    from exodus.pipeline import load_extractor
    from exodus.resolve.context import Context
    from exodus.resolve.places import speaker_places

    ex = load_extractor()
    ctx = Context("t", "", None, None, False, None, [], ex.gaz, ex.lex)  # type: ignore[arg-type]
    # Serik is also a town in Turkey
    assert (
        speaker_places(ctx, "Serik Nurmaganbetov, deputy head of the regional administration")[1]
        != "TR"
    )
    assert speaker_places(ctx, "the mayor of Przemysl") == (None, "PL")


def test_a_crossing_named_after_its_pair_of_posts_is_found() -> None:
    text = (
        "More than 90,000 Russians have fled to Kazakhstan since the mobilisation. Local media "
        "reported queues of up to 1,800 cars at the Mashtakovo-Syrym crossing in the Orenburg "
        "region."
    )
    result = process_document(RawDocument("t.txt", text.encode(), published=date(2022, 9, 28)))
    fact = result.facts[-1]
    assert fact.value == 1800
    assert fact.place is not None and fact.place.kind == "crossing"
    assert fact.destination is not None and fact.destination.country == "KZ"


def test_a_border_town_gives_the_far_end_of_a_half_known_corridor() -> None:
    got = corridors(
        "EAGLE PASS, Texas - City officials declared an emergency on Thursday. About 2,400 "
        "migrants crossed into the United States here on Wednesday alone, the Border Patrol "
        "said. By Thursday morning, about 1,200 migrants were waiting under the bridge.",
        date(2023, 9, 21),
    )
    assert got[2400] == ("MX", "US")
    assert got[1200] == ("MX", "US")


def test_islands_reached_by_sea_do_not_give_an_origin() -> None:
    got = corridors(
        "More than 150,000 people arrived in Italy by sea last year, many of them landing on "
        "Lampedusa, interior ministry data showed.",
        date(2024, 1, 2),
    )
    assert got[150000] == ("?", "IT")


def test_the_country_that_moves_or_takes_in_people_is_an_end_of_the_corridor() -> None:
    got = corridors(
        "Refugees keep coming. Poland has taken in 1.1 million people since the invasion. "
        "Romania alone is hosting more than 80,000 of them. Kazakhstan has deported 41 "
        "Russian citizens. Spain has sent back 3,900 people to Morocco.",
        date(2022, 3, 9),
    )
    assert got[1100000][1] == "PL"
    assert got[80000][1] == "RO"
    assert got[41] == ("KZ", "RU")
    assert got[3900] == ("ES", "MA")


def test_arriving_at_a_port_heading_south_and_refugees_moved_on_inside_a_country() -> None:
    got = corridors(
        "A navy ship arrived at Jeddah Islamic Port on Monday carrying 1,540 people evacuated "
        "from Port Sudan.",
        date(2023, 4, 25),
    )
    assert got[1540][1] == "SA"
    got = corridors("About 40,000 Palestinians fled south on Wednesday, the UN said.")
    assert got[40000] == ("PS", "PS")
    got = corridors(
        "Some 52,000 refugees have crossed from Sudan into Chad since April. Since June, "
        "3,900 refugees have been relocated from border areas to camps further inland.",
        date(2023, 6, 20),
    )
    assert got[52000] == ("SD", "TD")
    assert got[3900] == ("TD", "TD")


def test_the_origin_countrys_border_service_speaks_of_people_leaving_it() -> None:
    got = corridors(
        "Russians fleeing the mobilisation have crossed into Mongolia in their thousands: some "
        "3,000 Russians entered Mongolia on Tuesday, Mongolian officials said. About 1,200 "
        "vehicles were queuing on the Russian side, the FSB border directorate in Buryatia said.",
        date(2022, 9, 28),
    )
    assert got[3000] == ("RU", "MN")
    assert got[1200] == ("RU", "MN")


def test_in_a_story_of_people_going_home_their_own_demonym_is_the_destination() -> None:
    got = corridors(
        "TORKHAM - More than 180,000 Afghans have returned home from Pakistan since October, "
        "officials said. They are among the tens of thousands of Afghans who have crossed here "
        "since the deadline expired.",
        date(2023, 11, 3),
    )
    assert got[180000] == ("PK", "AF")
    assert got[10000] == ("PK", "AF")


def test_rates_read_off_time_words_when_the_story_has_no_date() -> None:
    result = process_document(
        RawDocument(
            "t.txt",
            b"ZAPORIZHZHIA, Ukraine, March 20 (Reuters) - The defence ministry said on Sunday that "
            b"2,870 people had been evacuated from Mariupol to Russia in the past 24 hours. "
            b"Officials said 76,000 migrants had left Turkey since Thursday night.",
            published=None,
        )
    )
    rates = {f.value: f.rate for f in result.facts}
    assert rates[2870] == "per_day"
    assert rates[76000] == "total"


def test_people_who_left_after_a_figure_of_people_displaced_inside_do_not_stay() -> None:
    got = corridors(
        "Inside Ukraine, some 6.1 million people are internally displaced, IOM estimates. "
        "UNHCR has recorded more than 2.9 million refugees who have left the country.",
        date(2022, 3, 16),
    )
    assert got[6100000] == ("UA", "UA")
    assert got[2900000][1] != "UA"


def test_a_country_that_received_tens_of_thousands_is_their_destination() -> None:
    got = corridors(
        "Some 9,000 Russians entered Georgia on Sunday, its interior ministry said. Armenia, a "
        "country of fewer than 3 million people, had already received tens of thousands of "
        "Russians after the invasion.",
        date(2022, 9, 27),
    )
    assert got[9000] == ("RU", "GE")
    assert got[10000] == ("RU", "AM")


def test_arabic_names_with_al_and_the_nearest_crossing_to_each_number() -> None:
    result = process_document(
        RawDocument(
            "t.txt",
            b"Refugees returned. Yesterday, 7,100 persons were repatriated to Afghanistan through "
            b"Torkham and 2,300 through Chaman. Some 8,000 people fled to Deir al-Balah.",
            published=date(2023, 11, 16),
        )
    )
    places = {f.value: f.place.name if f.place else None for f in result.facts}
    assert places[7100] == "Torkham"
    assert places[2300] == "Chaman"
    (fled,) = [f for f in result.facts if f.value == 8000]
    assert fled.destination is not None and fled.destination.country == "PS"


def test_in_a_story_of_evacuations_leaving_a_town_stays_in_the_country() -> None:
    got = corridors(
        "YELLOWKNIFE - The territorial government ordered the evacuation of the city on "
        "Wednesday, covering about 19,000 residents. The RCMP estimate that more than 4,500 "
        "vehicles have left Yellowknife on Highway 3 since the order was issued.",
        date(2023, 8, 17),
    )
    assert got[4500] == ("CA", "CA")


def test_a_list_after_a_name_that_is_not_a_place_keeps_its_preposition() -> None:
    got = corridors(
        "About 510,000 internally displaced persons are sheltering in 150 UNRWA installations in "
        "the Middle Area, Khan Younis and Rafah.",
        date(2023, 10, 25),
    )
    assert got[510000] == ("PS", "PS")


def test_repatriations_through_a_crossing_reach_its_far_side() -> None:
    got = corridors(
        "Ministry of Interior, Government of Pakistan\nPress release\n\nA total of 350,000 "
        "illegally staying foreigners have been repatriated to Afghanistan so far. Yesterday, "
        "6,900 persons were repatriated through Torkham.",
        date(2023, 11, 20),
    )
    assert got[6900] == ("PK", "AF")


def test_where_to_beats_where_and_where_a_heading_points() -> None:
    got = corridors(
        "About 18,000 people are in North Ossetia waiting to cross the border into Georgia. "
        "Some 52,000 Russians had entered Georgia since Sept. 21, the day Putin called up "
        "reservists to fight in Ukraine.",
        date(2022, 9, 28),
    )
    assert got[18000][1] == "GE"
    assert got[52000] == ("RU", "GE")
    got = corridors(
        "At the reception station in Lajas Blancas, about 2,800 migrants were waiting on Monday "
        "night for buses north towards Costa Rica.",
        date(2023, 9, 20),
    )
    assert got[2800][1] == "PA"


def test_an_evacuation_out_of_a_whole_country_leaves_it() -> None:
    got = corridors(
        "The UK has evacuated 1,430 people from Sudan on 14 flights.", date(2023, 4, 28)
    )
    assert got[1430][0] == "SD" and got[1430][1] != "SD"


def test_figures_side_by_side_take_their_own_places() -> None:
    got = corridors(
        "Arrivals in Italy kept rising. About 90,000 of last year's arrivals had set out from "
        "Tunisia and some 48,000 from Libya, the ministry said.",
        date(2024, 1, 2),
    )
    assert got[90000][0] == "TN"
    assert got[48000][0] == "LY"


def test_a_story_of_evacuations_abroad_is_not_an_internal_story() -> None:
    got = corridors(
        "The UK has evacuated 1,430 people from Sudan, the Foreign Office said. At least 19,000 "
        "people have fled into Chad. Queues of buses at the Qustul crossing stretched for about "
        "5 kilometres on Thursday.",
        date(2023, 4, 29),
    )
    assert got[1430][1] != "SD"
    assert got[5] == ("SD", "EG")


def test_a_country_which_hosts_refugees_is_their_destination() -> None:
    got = corridors(
        "Migrants headed for the border. Turkey, which hosts some 3.5 million Syrian refugees, "
        "opened its gates.",
        date(2020, 3, 1),
    )
    assert got[3500000] == ("SY", "TR")


def test_the_country_a_roundup_has_just_turned_to() -> None:
    got = corridors(
        "Georgia's interior ministry said about 9,000 Russians a day were entering Georgia. "
        "Kazakhstan has also seen a surge. Officials there said 91,000 Russians have crossed "
        "into the country since Sept. 21.",
        date(2022, 9, 27),
    )
    assert got[9000] == ("RU", "GE")
    assert got[91000] == ("RU", "KZ")


def test_a_dateline_date_does_not_make_a_lone_figure_one_of_several() -> None:
    got = corridors(
        "ALMATY/ULAANBAATAR, Sept 27 (Reuters) - Thousands of Russian men have fled across the "
        "borders into Kazakhstan and Mongolia since the mobilisation, officials said.",
        date(2022, 9, 27),
    )
    assert got[1000] == ("RU", "?")  # two destinations: none guessed


def test_gapped_clauses_give_each_figure_the_country_named_with_it() -> None:
    got = corridors(
        "Some 1.2 million people have fled Ukraine in nine days, the UN refugee agency said. "
        "Poland has received about 650,000, Hungary 130,000 and Moldova 85,000, according to "
        "the agency. Slovakia has taken in 72,000 and Romania nearly 55,000.",
        date(2022, 3, 5),
    )
    assert got[650000] == ("UA", "PL")
    assert got[130000] == ("UA", "HU")
    assert got[85000] == ("UA", "MD")
    assert got[72000] == ("UA", "SK")
    assert got[55000] == ("UA", "RO")


def test_gone_to_a_country_is_a_move_and_other_countries_name_none() -> None:
    got = corridors(
        "More than 1 million refugees have fled Ukraine in a week, the UN said. More than half "
        "of them - some 505,000 - have gone to Poland, according to the agency. About 40,000 "
        "have gone on to other countries. Some 300 people went to the polls in Lviv.",
        date(2022, 3, 3),
    )
    assert got[505000] == ("UA", "PL")
    assert got[40000] == ("UA", "?")  # not Poland, carried from the sentence before
    assert got[1000000] == ("UA", "?")  # the whole exodus: the story names no single end
    assert 300 not in got


def test_a_wait_at_a_border_post_does_not_send_every_figure_across_it() -> None:
    got = corridors(
        "About 1.2 million people have fled Ukraine, the UN refugee agency said. Poland has "
        "received about 650,000 and Hungary 130,000. At the Medyka crossing, people waited up "
        "to 30 hours, volunteers said.",
        date(2022, 3, 4),
    )
    assert got[1200000] == ("UA", "?")
    assert got[30] == ("UA", "PL")


def test_crossing_a_border_region_runs_across_it() -> None:
    result = process_document(
        RawDocument(
            "t.txt",
            b"More than half a million migrants crossed the dangerous Darien jungle last year, "
            b"Panama's migration service said on Monday. It said 520,085 people made the "
            b"crossing in 2023, against about 248,000 in 2022.",
            published=date(2024, 1, 8),
        )
    )
    got = {f.value: f for f in result.facts}
    for value in (500000, 520085):
        f = got[value]
        assert (f.origin and f.origin.country, f.destination and f.destination.country) == (
            "CO",
            "PA",
        ), value
        assert f.place is not None and f.place.name == "Darién Gap", value


def test_fleeing_into_neighbouring_countries_names_no_one_country() -> None:
    got = corridors(
        "Egypt's foreign ministry said 64,000 people had crossed its southern border from Sudan "
        "since April 15. Another 150,000 have fled into neighbouring countries, according to "
        "the UN refugee agency.",
        date(2023, 5, 5),
    )
    assert got[64000] == ("SD", "EG")
    assert got[150000] == ("SD", "?")
