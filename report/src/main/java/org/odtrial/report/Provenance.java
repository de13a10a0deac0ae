package org.odtrial.report;

/**
 * What a report was computed from, printed on every output so a reader can regenerate it.
 *
 * @param load load number
 * @param loadSha256 SHA-256 of the load's upload
 * @param planName analysis plan label
 * @param planSha256 SHA-256 of the plan's canonical JSON
 * @param toolVersion odtrial version
 */
public record Provenance(
    int load, String loadSha256, String planName, String planSha256, String toolVersion) {}
