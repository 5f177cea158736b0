"""ingest stage: files, folders and stdin -> raw documents (or rejections).  Input only."""

from exodus.ingest.files import iter_inputs, media_type_for, read_bytes, read_file, read_stream

__all__ = ["iter_inputs", "media_type_for", "read_bytes", "read_file", "read_stream"]
