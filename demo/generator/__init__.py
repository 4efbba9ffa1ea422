"""The benchmark archive (bench/README.md): `generate_content`'s letters, replies, articles
and themes, recombined from sentence templates written for this project. `words` holds the
templates and word lists, `text` makes texts of them, `writers` writes them in batches."""
