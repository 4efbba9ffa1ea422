"""What hoaxes and floods leave on the letters: the tables and fields, nothing else.

- `BurstMarks` (mixed into Letter): a letter that arrived in a burst (several letters from
  one connection within minutes, advice.floods) carries how many letters the burst had and
  a random token shared by them. Nothing about the connection itself: the token is drawn at
  random, not made from the address or its hash.
- `LetterBand`: a letter's locality-sensitive hash bands (MinHash over its shingles,
  advice.floods), so the letters that may tell the same story are found by an index, not by
  comparing every pair.
- `LetterLikeness`: a pair of letters found alike, with their Jaccard similarity (0–1),
  stored both ways round so "the letters like this one" is one indexed query.

Rows of both tables go with their letter (CASCADE): a withdrawn letter leaves nothing.
"""

from django.db import models


class BurstMarks(models.Model):
    """Whether a letter arrived in a burst: its size, and a random token naming the burst."""

    burst_size = models.PositiveSmallIntegerField(
        "letters in its burst", null=True, blank=True, editable=False
    )
    burst_token = models.CharField(max_length=32, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class LetterBand(models.Model):
    """One LSH band of a letter's MinHash signature (a 63-bit hash of the band's values and
    its position): letters that share a band are candidates for "the same story"."""

    letter = models.ForeignKey("advice.Letter", on_delete=models.CASCADE, related_name="bands")
    band = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["letter", "band"], name="letter_band_once")]

    def __str__(self):
        return f"Band {self.band} of letter {self.letter_id}"


class LetterLikeness(models.Model):
    """`letter` reads like `other`: their shingle sets' Jaccard similarity, 0–1."""

    letter = models.ForeignKey("advice.Letter", on_delete=models.CASCADE, related_name="likenesses")
    other = models.ForeignKey("advice.Letter", on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField()

    class Meta:
        verbose_name_plural = "letter likenesses"
        constraints = [
            models.UniqueConstraint(fields=["letter", "other"], name="letter_likeness_once")
        ]

    def __str__(self):
        return f"Letter {self.letter_id} is {self.similarity:.0%} like letter {self.other_id}"
