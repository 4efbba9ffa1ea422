"""One spelling per mailbox, and only addresses the newsletter can reach on the internet.

An address's domain is case-insensitive (RFC 5321 §2.4) and an internationalised domain has
two spellings, Unicode ("bücher.example") and ASCII ("xn--bcher-kva.example", IDNA, RFC
3490/5891); both reach the same mailbox. So the domain is stored IDNA-encoded and in lower
case, with no trailing dot, and every lookup and the unique constraint see that one form.
The encoding is Python's `encodings.idna` (IDNA 2003), the one Django's mail sending uses
for the envelope, so the address stored is the one mailed. The local part is kept as typed:
only the receiving server may say what its capitals mean (the unique constraint still
folds them, as before: one sign-up per address however it is capitalised).

Some domains are valid syntax but reach no one outside one machine or network: "localhost"
and names under .localhost, .invalid (RFC 6761) and .local (RFC 6762), names without a dot,
and address literals such as "[127.0.0.1]" (RFC 5321 §4.1.3). `unmailable_reason` refuses
them, so the site never tries to mail its own server or a private network.
"""

from django.core.exceptions import ValidationError

# Special-use names (RFC 6761 §6.3, §6.4; RFC 6762): never a mailbox on the internet.
LOCAL_NAMES = ("localhost",)
LOCAL_SUFFIXES = (".localhost", ".invalid", ".local")

LITERAL = (
    "We can’t send to an address in square brackets (a computer’s network address). "
    "Please use an address with a name after the @, like name@example.org."
)
LOCAL = (
    "That address only works inside one computer or network, so the newsletter couldn’t "
    "reach it. Please use an address on the internet, like name@example.org."
)
UNREADABLE = (
    "That doesn’t look like an e-mail address. Please check it: it should look like "
    "name@example.org."
)


def ascii_domain(domain):
    """`domain` (Unicode or ASCII) as lower-case IDNA ASCII, without a trailing dot.

    Raises ValueError when it can't be encoded (an empty or over-long label, RFC 1035's
    63 characters). Address literals ("[…]") are returned lower-cased, unchanged otherwise.
    """
    domain = domain.strip().rstrip(".")
    if domain.startswith("["):
        return domain.lower()
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValueError(str(error)) from None


def normalize_email(email):
    """`email` as stored: the local part as typed, the domain by `ascii_domain`.

    "Reader@Bücher.Example" → "Reader@xn--bcher-kva.example". ValueError if the domain
    can't be encoded.
    """
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{ascii_domain(domain)}"


def unmailable_reason(email):
    """Why the newsletter must not mail `email` (a normalised address), or None if it may."""
    domain = email.rpartition("@")[2]
    if domain.startswith("["):
        return LITERAL
    if "." not in domain or domain in LOCAL_NAMES or domain.endswith(LOCAL_SUFFIXES):
        return LOCAL
    return None


def clean_address(email):
    """A syntactically valid address (Django's EmailField) normalised and checked.

    Returns the stored form; raises ValidationError (code "unmailable" or "invalid") with
    a message for the reader.
    """
    try:
        email = normalize_email(email)
    except ValueError:
        raise ValidationError(UNREADABLE, code="invalid") from None
    reason = unmailable_reason(email)
    if reason:
        raise ValidationError(reason, code="unmailable")
    return email
