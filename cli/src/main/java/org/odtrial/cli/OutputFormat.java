package org.odtrial.cli;

/**
 * Output formats of the commands that report findings or lists; each command says which it takes.
 */
public enum OutputFormat {
  text,
  json,
  csv,
  html,
  xlsx
}
