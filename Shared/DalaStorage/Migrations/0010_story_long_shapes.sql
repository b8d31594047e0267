-- Long story shapes (dated to a year, or a range of more than a month) get an index of their own, so the linker reads
-- a report's candidates in two narrow scans instead of one year-wide scan: short shapes (a day, a week, a month)
-- that start at most 31 days before the report's window, and long ones that start up to a year before it.
-- A short shape is at most 31 days long, so one that starts earlier cannot overlap the report (issue 17).
CREATE INDEX event_story_shapes_long_idx ON event_story_shapes (type, date_start) WHERE date_end - date_start > 31;
