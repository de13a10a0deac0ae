package org.odtrial.ingest.validate.internal;

import java.util.Arrays;

/** A growable int array (no boxing). */
final class IntList {
  private int[] a = new int[256];
  private int size;

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return size;
  }
}
