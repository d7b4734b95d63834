-- Epoch milliseconds (COPY's TIMEFORMAT 'epochmillisecs') as a TIMESTAMP.
make_timestamp({{field}} * 1000)
