package org.odtrial.analysis.data;

/**
 * A randomised cluster as uploaded.
 *
 * @param clusterId id
 * @param siteId site
 * @param arm allocated arm
 * @param stratum randomisation stratum or null
 * @param deprivationQuintile 1-5 or null
 * @param listSize registered patients or null
 */
public record Cluster(
    String clusterId,
    String siteId,
    String arm,
    String stratum,
    Integer deprivationQuintile,
    Long listSize) {}
