"""How text columns share a table's room (views/kit/table_columns.share_room): short texts
stay whole, the long ones share what is left and are elided."""

from tryg_desktop.views.kit.table_columns import share_room

FLOORS = {0: 40, 1: 40, 2: 40}


def test_all_whole_when_there_is_room():
    assert share_room({0: 100, 1: 200, 2: 50}, FLOORS, {0: 1, 1: 1, 2: 1}, 400) == \
        {0: 100, 1: 200, 2: 50}


def test_the_short_ones_whole_and_the_long_one_takes_the_rest():
    # 300 for three: the 50 and 90 fit their share, the 400 gets the 160 left.
    assert share_room({0: 90, 1: 400, 2: 50}, FLOORS, {0: 1, 1: 1, 2: 1}, 300) == \
        {0: 90, 1: 160, 2: 50}


def test_two_long_ones_share_by_weight_and_never_below_their_header():
    assert share_room({0: 500, 1: 500}, FLOORS, {0: 1.5, 1: 1}, 250) == {0: 150, 1: 100}
    assert share_room({0: 500, 1: 500}, FLOORS, {0: 1, 1: 1}, 20) == {0: 40, 1: 40}
