package org.odtrial.report.internal;

/**
 * A note under a table or figure: a footnote with its letter, or a general note (marker "").
 *
 * @param marker footnote letter, or "" for a note that applies to the whole table
 * @param text the note
 */
public record Note(String marker, String text) {}
