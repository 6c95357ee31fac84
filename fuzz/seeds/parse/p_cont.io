a \
  b \
c
