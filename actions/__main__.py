"""The action server: rasa_sdk's own server with our actions, without TensorFlow.

    python -m actions --port 5055        (what `rasa run actions` does, in a quarter of the memory)

spaCy's thinc imports TensorFlow whenever it is installed, for a backend we never use; Rasa needs
TensorFlow, so it is installed. Kept out, the action server holds about 155 MB instead of 627 MB.
It listens on SANIC_HOST, 127.0.0.1 unless set: the action server is not for the public.
"""
import os
import sys


def main() -> None:
    sys.modules.setdefault("tensorflow", None)  # an import of it fails, and thinc goes on without it
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    from rasa_sdk.__main__ import main as serve

    sys.argv = [sys.argv[0], "--actions", "actions", *sys.argv[1:]]
    serve()


if __name__ == "__main__":
    main()
