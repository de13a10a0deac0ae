package org.odtrial.cli;

/** Output formats of the commands that report findings or lists. */
public enum OutputFormat {
  text,
  json,
  csv
}
