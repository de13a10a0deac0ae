package org.odtrial.report.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * report.docx with Apache POI: real Word tables and the PNG figures embedded. POI stamps the
 * current time into the package, so the result is passed through {@link Zips#normalise} (fixed
 * entry times, sorted entries, fixed core dates) to make two runs byte-identical.
 */
public final class DocxFormat {
  /** The fixed creation and modification date of every report.docx. */
  public static final String FIXED_DATE = "2000-01-01T00:00:00Z";

  private DocxFormat() {}

  public static byte[] render(Content c, Map<String, byte[]> pngs) {
    try (XWPFDocument doc = new XWPFDocument()) {
      PackageProperties props = doc.getPackage().getPackageProperties();
      props.setCreatorProperty("odtrial");
      props.setTitleProperty(c.title());
      props.setCreatedProperty(
          Optional.of(java.util.Date.from(java.time.Instant.parse(FIXED_DATE))));
      props.setModifiedProperty(
          Optional.of(java.util.Date.from(java.time.Instant.parse(FIXED_DATE))));
      heading(doc, c.title(), 18);
      para(doc, c.blindingNote(), false, 10);
      for (String[] kv : ProvenanceText.pairs(c.provenance())) {
        para(doc, kv[0] + ": " + kv[1], false, 9);
      }
      for (Table t : c.tables()) {
        heading(doc, t.title(), 12);
        table(doc, t);
        for (String n : t.notes()) {
          para(doc, n, false, 8);
        }
      }
      heading(doc, "Figures", 14);
      for (Drawing d : c.figures()) {
        heading(doc, d.title(), 12);
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun r = p.createRun();
        // 6.5 inches wide, height in proportion
        double widthPt = 468;
        double heightPt = widthPt * d.height() / d.width();
        r.addPicture(
            new ByteArrayInputStream(pngs.get(d.name())),
            PictureType.PNG,
            d.name() + ".png",
            Units.toEMU(widthPt),
            Units.toEMU(heightPt));
      }
      if (!c.warnings().isEmpty()) {
        heading(doc, "Analysis warnings", 12);
        for (String w : c.warnings()) {
          para(doc, w, false, 9);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return Zips.normalise(out.toByteArray(), FIXED_DATE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void heading(XWPFDocument doc, String text, int size) {
    para(doc, text, true, size);
  }

  private static void para(XWPFDocument doc, String text, boolean bold, int size) {
    XWPFRun r = doc.createParagraph().createRun();
    r.setText(text);
    r.setBold(bold);
    r.setFontSize(size);
    r.setFontFamily("DejaVu Sans");
  }

  private static void table(XWPFDocument doc, Table t) {
    int cols = t.header().size();
    XWPFTable table = doc.createTable(1 + t.rows().size(), cols);
    table.setWidth("100%");
    fill(table.getRow(0), t.header(), true, false);
    for (int i = 0; i < t.rows().size(); i++) {
      List<String> r = t.rows().get(i);
      fill(table.getRow(i + 1), r, t.isSection(r), true);
    }
    // header repeats on each page
    table.getRow(0).setRepeatHeader(true);
    table
        .getCTTbl()
        .getTblPr()
        .addNewTblLayout()
        .setType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType.AUTOFIT);
    table.getCTTbl().getTblPr().getTblW().setW(BigInteger.valueOf(5000));
  }

  private static void fill(XWPFTableRow row, List<String> cells, boolean bold, boolean body) {
    for (int j = 0; j < cells.size(); j++) {
      XWPFParagraph p = row.getCell(j).getParagraphs().get(0);
      if (body && j > 0) {
        p.setAlignment(ParagraphAlignment.RIGHT);
      }
      XWPFRun r = p.createRun();
      r.setText(cells.get(j));
      r.setBold(bold);
      r.setFontSize(8);
      r.setFontFamily("DejaVu Sans");
    }
  }
}
