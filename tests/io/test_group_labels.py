"""A corpus's optional group_labels.csv: display names, order and colours, checked (one error naming the file)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhetoric.base.errors import CorpusError
from rhetoric.io.group_labels import GROUP_LABELS, GroupLabels, read_group_labels

GROUPS = ["left_bias", "center", "right_bias"]


def write(tmp_path, text: str):
    (tmp_path / GROUP_LABELS).write_text(text, encoding="utf-8")
    return tmp_path


def test_without_the_file_the_codes_sorted(tmp_path):
    labels = read_group_labels(tmp_path, GROUPS)
    assert labels.order == sorted(GROUPS) and labels.label("left_bias") == "left_bias" and not labels.colours


def test_labels_order_and_colours(tmp_path):
    write(tmp_path, "group,label,order,colour\nright_bias,Right-leaning outlets,2,#d62728\n"
                    "left_bias,Left-leaning  outlets,1,navy\n")
    labels = read_group_labels(tmp_path, GROUPS)
    assert labels.labels == {"right_bias": "Right-leaning outlets", "left_bias": "Left-leaning outlets"}
    assert labels.order == ["left_bias", "right_bias", "center"]  # ranked first, then the rest sorted
    assert labels.colours == {"right_bias": "#d62728", "left_bias": "navy"} and labels.label("center") == "center"


@pytest.mark.parametrize(("text", "problem"), [
    ("group,name\nleft_bias,Left\n", "missing required column(s): label"),
    ("group,label,shade\nleft_bias,Left,1\n", "unknown column(s): shade"),
    ("group,label\nleft_bias,\n", "line 2: empty group or label"),
    ("group,label\nleft_bias,Left\nleft_bias,L\n", "line 3: group 'left_bias' listed twice"),
    ("group,label\nleft,Left\n", "line 2: group 'left' is not a stance in metadata.csv"),
    ("group,label,order\nleft_bias,Left,first\n", "line 2: order 'first' is not a whole number"),
    ("group,label,colour\nleft_bias,Left,#12\n", "line 2: colour '#12' is not a colour"),
    ("group,label\nleft_bias,Same\ncenter,Same\n", "label(s) given to more than one group: Same"),
])
def test_a_bad_file_is_one_error_naming_it(tmp_path, text, problem):
    write(tmp_path, text)
    with pytest.raises(CorpusError) as info:
        read_group_labels(tmp_path, GROUPS)
    assert problem in str(info.value) and GROUP_LABELS in str(info.value)


@given(st.text(max_size=40))
def test_any_label_text_is_read_or_refused_cleanly(label):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / GROUP_LABELS
        path.write_text("group,label\n" + 'center,"' + label.replace('"', '""') + '"\n', encoding="utf-8")
        try:
            labels = read_group_labels(d, GROUPS)
        except CorpusError as exc:
            assert GROUP_LABELS in str(exc)
        else:
            assert isinstance(labels, GroupLabels) and labels.label("center") == " ".join(label.split())
