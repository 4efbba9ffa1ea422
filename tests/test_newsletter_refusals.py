"""`send_newsletter` as cron sees it: the exit status when anything owed wasn't sent (server
down, every message refused, the connection dropped mid-run), addresses a mail server refuses
for good, and subscribers whose chosen themes were all deleted."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.management import execute_from_command_line
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.sending import REFUSALS_BEFORE_REMOVAL
from newsletter.services import subscribe
from tests import factories
from tests.live import Mailbox, free_port, mail_server, send_mail_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@dataclass
class PickyMailbox(Mailbox):
    """A mail server that refuses some recipients (`refuse`: address → reply to RCPT TO)
    and can drop the connection in the middle of the message after `drop_after`."""

    refuse: dict = field(default_factory=dict)
    drop_after: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.drop_after is not None and len(self.messages) >= self.drop_after:
            server.transport.close()  # gone, mid-message, without a word
            return "421 Closing"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def mailbox(settings):
    with mail_server(PickyMailbox) as mailbox:
        send_mail_to(settings, mailbox.port, timeout=2)
        yield mailbox


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")


def run(capsys, *args):
    """`manage.py send_newsletter` as cron runs it: its exit status, stdout and stderr
    (the command's own lines; the app's log lines, also on stderr, are in `run.log`)."""
    try:
        execute_from_command_line(["manage.py", "send_newsletter", *args])
        status = 0
    except SystemExit as exit:
        status = exit.code
    captured = capsys.readouterr()
    lines = captured.err.splitlines(keepends=True)
    run.log += [line for line in lines if LOG_LINE.match(line)]
    err = "".join(line for line in lines if not LOG_LINE.match(line))
    return status, captured.out, err


run.log = []


# --- The exit status -----------------------------------------------------------------


def test_a_mail_server_that_is_down_makes_the_run_fail(settings, capsys):
    send_mail_to(settings, free_port(), timeout=2)  # nothing listens there
    factories.letter(title="This week's letter", days_ago=1)
    factories.subscriber("reader@example.org")
    status, out, err = run(capsys)
    assert status == 1
    assert "0 issues sent" in out  # the summary first
    assert "the mail server stopped answering" in err
    # With nothing owed, a run with the server down has nothing to fail at.
    Subscriber.objects.update(sent_through=timezone.now())
    assert run(capsys, "-v", "0") == (0, "", "")


def test_every_message_refused_makes_the_run_fail(mailbox, capsys):
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(3):
        factories.subscriber(f"reader{n}@example.org")
    mailbox.fail_after = 0  # "451 try again later" to every message
    status, out, err = run(capsys, "-v", "0")
    assert status == 1 and out == ""
    assert "3 issues refused: the next run tries again." in err
    mailbox.fail_after = None
    assert run(capsys, "-v", "0") == (0, "", "")  # the next run sends them, and succeeds
    assert len(mailbox.messages) == 3


def test_a_connection_dropped_mid_run_makes_the_run_fail(mailbox, capsys):
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(4):
        factories.subscriber(f"reader{n}@example.org")
    mailbox.drop_after = 1
    status, out, err = run(capsys)
    assert status == 1 and "1 issue sent" in out
    assert "the mail server stopped answering" in err
    mailbox.drop_after = None
    assert run(capsys)[0] == 0
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        f"reader{n}@example.org" for n in range(4)
    ]  # once each


# --- Refused for good ------------------------------------------------------------------


def test_an_address_refused_on_three_runs_in_a_row_is_deleted(mailbox, capsys):
    mailbox.refuse["gone@example.org"] = "550 5.1.1 No such mailbox here"
    gone = factories.subscriber("gone@example.org")
    factories.subscriber("reader@example.org")
    run.log.clear()
    for week in range(1, REFUSALS_BEFORE_REMOVAL + 1):
        factories.letter(title=f"Week {week}", days_ago=0)
        status, out, err = run(capsys)
        assert status == 1 and "1 issue sent" in out
        assert "1 address refused for good by their mail server" in err
        if week < REFUSALS_BEFORE_REMOVAL:
            assert Subscriber.objects.get(pk=gone.pk).refusals == week
    assert "1 of them now deleted" in err
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader@example.org"]
    log = [line for line in run.log if " newsletter." in line]
    assert f"Subscriber {gone.pk} deleted" in " ".join(log)
    assert not any("gone@" in line for line in log)  # by id only
    # The next run has nothing left to fail at.
    factories.letter(title="Week 4", days_ago=0)
    assert run(capsys, "-v", "0") == (0, "", "")
    assert len(mailbox.to("reader@example.org")) == REFUSALS_BEFORE_REMOVAL + 1


def test_a_refusal_between_deliveries_starts_the_count_again(mailbox, capsys):
    flaky = factories.subscriber("flaky@example.org")
    factories.subscriber("reader@example.org")
    for week, refused in enumerate([True, True, False, True, True], start=1):
        if refused:
            mailbox.refuse["flaky@example.org"] = "550 Mailbox full for good"
        else:
            mailbox.refuse.clear()
        factories.letter(title=f"Week {week}", days_ago=0)
        run(capsys)
    assert Subscriber.objects.get(pk=flaky.pk).refusals == 2  # never three in a row
    assert len(mailbox.to("flaky@example.org")) == 1


def test_when_everyone_is_refused_no_one_is_deleted(mailbox, capsys):
    """A relay that refuses every recipient (a wrong log-in, relaying denied) is the
    server's setup, not every subscriber's address."""
    for n in range(3):
        factories.subscriber(f"reader{n}@example.org")
        mailbox.refuse[f"reader{n}@example.org"] = "550 Relaying denied"
    for week in range(REFUSALS_BEFORE_REMOVAL + 1):
        factories.letter(title=f"Week {week}", days_ago=0)
        assert run(capsys)[0] == 1
    assert Subscriber.objects.count() == 3
    assert set(Subscriber.objects.values_list("refusals", flat=True)) == {0}


def test_a_policy_refusal_does_not_count_against_the_address(mailbox, capsys):
    mailbox.refuse["blocked@example.org"] = "550 5.7.1 Sender not allowed by policy"
    factories.subscriber("blocked@example.org")
    factories.subscriber("reader@example.org")
    for week in range(REFUSALS_BEFORE_REMOVAL + 1):
        factories.letter(title=f"Week {week}", days_ago=0)
        assert run(capsys)[0] == 1
    assert Subscriber.objects.get(email="blocked@example.org").refusals == 0


# --- Deleted themes ------------------------------------------------------------------------


def test_a_subscriber_whose_themes_were_all_deleted_gets_everything_and_is_told_once(
    mailbox, capsys
):
    grief, family = factories.theme(name="Grief"), factories.theme(name="Family")
    picky = subscribe(email="picky@example.org", themes=[grief]).subscriber
    everything = subscribe(email="everything@example.org").subscriber
    week_ago = timezone.now() - timedelta(days=7)
    Subscriber.objects.update(confirmed_at=week_ago, sent_through=week_ago)
    grief.delete()
    factories.letter(themes=[family], title="A family letter", days_ago=1)

    assert run(capsys)[0] == 0
    [issue] = mailbox.to(picky.email)
    text = issue.get_body(("plain",)).get_content()
    html = issue.get_body(("html",)).get_content()
    assert "A family letter" in text
    notice = "The themes you chose are no longer on the site"
    assert notice in text and notice in html
    assert "/newsletter/" in text[text.index(notice) :]  # where to choose again
    assert notice not in mailbox.to(everything.email)[0].get_body(("plain",)).get_content()

    factories.letter(themes=[family], title="Another family letter", days_ago=0)
    run(capsys)
    later = mailbox.to(picky.email)[-1].get_body(("plain",)).get_content()
    assert "Another family letter" in later and notice not in later  # said once
