"""argmap: map and compare historians' causal arguments.

The library reads YAML theses into a validated model (:mod:`argmap.loader`), builds graphs
from them and compares authors. It never prints, exits or imports the renderers; the
``argmap`` command line (``cli.py``) and ``render/`` are thin layers on top.
"""

__version__ = "0.1.0"
