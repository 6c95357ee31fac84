#!/usr/bin/env io
1
