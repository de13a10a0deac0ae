package org.odtrial.cli;

import java.util.Collection;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --site} filter shared by the commands that list findings or queries. */
public final class SiteOption {
  @Option(
      names = "--site",
      paramLabel = "ID",
      description = "Only this site (a site_id of clusters.csv).")
  String site;

  /** The site, or null for every site. */
  public String site() {
    return site;
  }

  /** Null when the site is known (or none was given), else a message naming the known ones. */
  String unknown(Collection<String> known) {
    if (site == null || known.contains(site)) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "there is no site %s here; sites: %s",
        site,
        known.isEmpty() ? "none" : String.join(", ", known));
  }
}
