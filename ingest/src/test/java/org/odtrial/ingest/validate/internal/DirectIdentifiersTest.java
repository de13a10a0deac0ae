package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectIdentifiersTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "9434765919|an NHS number",
        "943 476 5919|an NHS number",
        "943-476-5919|an NHS number",
        "4010232137|an NHS number",
        "SW1A 1AA|a UK postcode",
        "sw1a 1aa|a UK postcode",
        "SW1A1AA|a UK postcode",
        "M1 1AE|a UK postcode",
        "B33 8TH|a UK postcode",
        "CR2 6XH|a UK postcode",
        "DN55 1PT|a UK postcode",
        "W1A 0AX|a UK postcode",
        "jo.bloggs@nhs.net|an e-mail address",
        "a+b@example.co.uk|an e-mail address",
        "07700 900123|a UK phone number",
        "07700900123|a UK phone number",
        "+44 20 7946 0958|a UK phone number",
        "+44 (0)20 7946 0958|a UK phone number",
        "0044 7700 900123|a UK phone number",
        "020 7946 0958|a UK phone number",
        "(01632) 960 123|a UK phone number",
        "lives at B33 8TH now|a UK postcode",
        "call 07700 900123 after 5|a UK phone number",
        "NHS no: 943 476 5919|an NHS number",
        "write to jo@example.org please|an e-mail address"
      })
  void recognisesDirectIdentifiers(String value, String kind) {
    assertThat(DirectIdentifiers.kind(value)).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9434765918", // fails the check digit
        "1234567890", // check digit would be 10: never valid
        "S0012",
        "S0001-E1",
        "GP01",
        "T1",
        "P1",
        "north",
        "2019-10-09",
        "2021-02-29",
        "8421",
        "16613",
        "35.5",
        "168",
        "0",
        "-99",
        "in_person",
        "EQ5D_VAS",
        "SDMQ9",
        "CSQ8",
        "2020-02-01T10:00",
        "12345",
        "44290",
        "abc@",
        "@example.org",
        "jo@localhost",
        "07700",
        "0770090012345",
        "+33 1 23 45 67 89",
        "A1 1CC",
        "S0001-M13",
        "C12-EP99",
        "QQ1 1AA"
      })
  void leavesLegitimateValuesAlone(String value) {
    assertThat(DirectIdentifiers.kind(value)).isNull();
  }
}
