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
        "write to jo@example.org please|an e-mail address",
        "NHS9434765919|an NHS number",
        "943_476_5919|an NHS number",
        "SW1A-1AA|a UK postcode",
        "NHS no. 943 476 5919.|an NHS number",
        "SW1A\u00A01AA|a UK postcode",
        "(someone@example.com)|an e-mail address",
        "P9434765919|an NHS number",
        "943.476.5919|an NHS number",
        "943\u200B476\u200B5919|an NHS number",
        "\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19|an NHS number",
        "tel.07700900123|a UK phone number",
        "07700.900.123|a UK phone number",
        "+44-7700-900123|a UK phone number",
        "jo (at) example (dot) org|an e-mail address",
        "GP_SW1A1AA|a UK postcode",
        "s w 1 a 1 a a|a UK postcode"
      })
  void recognisesDirectIdentifiers(String value, String kind) {
    assertThat(DirectIdentifiers.kind(value)).isEqualTo(kind);
  }

  @org.junit.jupiter.api.Test
  void redactReplacesEachIdentifierAndKeepsTheRest() {
    assertThat(
            DirectIdentifiers.redact(
                "/data/SW1A 1AA/x.csv: call 07700 900123 or mail jo@example.org, NHS 943 476 5919"))
        .isEqualTo(
            "/data/[UK postcode removed]/x.csv: call [UK phone number removed] or mail [e-mail"
                + " address removed], NHS [NHS number removed]");
    assertThat(DirectIdentifiers.redact("no identifier, P0001")).isEqualTo("no identifier, P0001");
    assertThat(DirectIdentifiers.redact("x\u00A0943\u00A0476\u00A05919!"))
        .isEqualTo("x\u00A0[NHS number removed]!");
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
        "QQ1 1AA",
        "GP-0417",
        "P0001",
        "01-2019-0001",
        "ODD-041-00001",
        "1,086,955 and 148,473",
        "015 2021-05-02",
        "t97D_h",
        "2020-02-01 12 weeks"
      })
  void leavesLegitimateValuesAlone(String value) {
    assertThat(DirectIdentifiers.kind(value)).isNull();
  }
}
