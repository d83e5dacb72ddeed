"""Data protection (issue 13): the access log, retention, access requests, erasure, consent to
be named and the record of processing. (services/privacy.py is the CPR rule.)"""
