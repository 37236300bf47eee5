"""Learned tier: linear models over text features, fused with the rule evidence.

Weights are packaged as ``.npz`` (no pickle) and loaded once, lazily. Training needs the
``train`` extra (scikit-learn); inference needs only NumPy.
"""
