package org.odtrial.ingest.generate.internal;

/**
 * One generated cluster with its random effects.
 *
 * @param index 0-based position in clusters.csv
 * @param id cluster_id, e.g. {@code GP001}
 * @param siteId site_id, e.g. {@code T01}
 * @param od allocated to Open Dialogue
 * @param randomisedOn randomisation day (epoch day)
 * @param stratum stratum text
 * @param deprivationQuintile 1-5
 * @param listSize registered patients
 * @param size participants in this cluster
 * @param firstParticipant 1-based number of its first participant
 * @param logFrailty log of the multiplicative frailty on relapse and recurrence hazards
 * @param qprIntercept random intercept on QPR
 * @param bprsIntercept random intercept on BPRS
 */
public record Cluster(
    int index,
    String id,
    String siteId,
    boolean od,
    int randomisedOn,
    String stratum,
    int deprivationQuintile,
    int listSize,
    int size,
    long firstParticipant,
    double logFrailty,
    double qprIntercept,
    double bprsIntercept) {}
