package org.odtrial.report.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTbl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * report.docx with Apache POI: styles with heading levels (Title, Heading 1, Heading 2, Caption,
 * table text and notes), real tables with a grid, a header row that repeats on every page and
 * column widths, footnote letters as superscripts, the PNG figures at their printed size with their
 * legends. POI stamps the current time into the package, so the result is passed through {@link
 * Zips#normalise} (fixed entry times, sorted entries, fixed core dates) to make two runs
 * byte-identical.
 */
public final class DocxFormat {
  /** The fixed creation and modification date of every report.docx. */
  public static final String FIXED_DATE = "2000-01-01T00:00:00Z";

  private static final String FONT = "Arial";

  /** A4 in twentieths of a point, and its 2 cm margin. */
  private static final int A4_SHORT = 11906;

  private static final int A4_LONG = 16838;
  private static final int MARGIN = 1134;

  /** Style id, name, outline level (-1 none), size in half points, bold, space before/after. */
  private static final String[][] STYLES = {
    {"Normal", "Normal", "-1", "20", "false", "0", "120"},
    {"Title", "Title", "-1", "36", "true", "0", "240"},
    {"Heading1", "heading 1", "0", "28", "true", "360", "120"},
    {"Heading2", "heading 2", "1", "22", "true", "240", "80"},
    {"Caption", "caption", "-1", "18", "false", "80", "240"},
    {"TableText", "Table Text", "-1", "16", "false", "0", "0"},
    {"TableNote", "Table Note", "-1", "16", "false", "0", "40"},
  };

  private DocxFormat() {}

  /**
   * The document's bytes; {@code png} gives each figure's PNG by name, asked for only when the
   * figures are reached (so they may still be rendering while the tables are written).
   */
  public static byte[] render(Content c, Function<String, byte[]> png) {
    try (XWPFDocument doc = new XWPFDocument()) {
      PackageProperties props = doc.getPackage().getPackageProperties();
      props.setCreatorProperty("odtrial");
      props.setTitleProperty(c.title());
      props.setCreatedProperty(Optional.of(Date.from(Instant.parse(FIXED_DATE))));
      props.setModifiedProperty(Optional.of(Date.from(Instant.parse(FIXED_DATE))));
      styles(doc);
      page(doc);
      para(doc, "Title", c.title());
      para(doc, "Normal", c.blindingNote());
      for (String[] kv : ProvenanceText.pairs(c.provenance())) {
        para(doc, "TableNote", kv[0] + ": " + kv[1]);
      }
      para(doc, "Heading1", "Tables");
      for (Table t : c.tables()) {
        // a table too wide for a portrait page gets a landscape section of its own
        boolean landscape = !LatexFormat.fits(t, 8, 12, LatexFormat.TEXT_WIDTH);
        if (landscape) {
          sectionEnd(doc, false);
        }
        para(doc, "Heading2", t.caption());
        table(doc, t, (landscape ? A4_LONG : A4_SHORT) - 2 * MARGIN);
        for (Note n : t.notes()) {
          XWPFParagraph p = doc.createParagraph();
          p.setStyle("TableNote");
          if (!n.marker().isEmpty()) {
            superscript(p, n.marker());
            p.createRun().setText(" ");
          }
          p.createRun().setText(n.text());
        }
        if (landscape) {
          sectionEnd(doc, true);
        }
      }
      para(doc, "Heading1", "Figures");
      for (Drawing d : c.figures()) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setKeepNext(true);
        p.createRun()
            .addPicture(
                new ByteArrayInputStream(png.apply(d.name())),
                PictureType.PNG,
                d.name() + ".png",
                Units.toEMU(d.width()),
                Units.toEMU(d.height()));
        XWPFParagraph cap = doc.createParagraph();
        cap.setStyle("Caption");
        XWPFRun title = cap.createRun();
        title.setBold(true);
        title.setText(d.caption() + ".");
        for (String n : d.notes()) {
          cap.createRun().setText(" " + n);
        }
      }
      if (!c.warnings().isEmpty()) {
        para(doc, "Heading1", "Analysis warnings");
        for (String w : c.warnings()) {
          para(doc, "Normal", w);
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

  /** The paragraph styles, defined in the document so Word, LibreOffice and pandoc read them. */
  private static void styles(XWPFDocument doc) {
    try {
      StringBuilder xml = new StringBuilder();
      xml.append(
          "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
      xml.append("<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"")
          .append(FONT)
          .append("\" w:hAnsi=\"")
          .append(FONT)
          .append("\" w:cs=\"")
          .append(FONT)
          .append("\"/><w:sz w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>")
          .append("<w:pPrDefault/></w:docDefaults>");
      for (String[] s : STYLES) {
        xml.append("<w:style w:type=\"paragraph\" w:styleId=\"")
            .append(s[0])
            .append("\"")
            .append(s[0].equals("Normal") ? " w:default=\"1\"" : "")
            .append("><w:name w:val=\"")
            .append(s[1])
            .append("\"/>");
        if (!s[0].equals("Normal")) {
          xml.append("<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>");
        }
        xml.append("<w:pPr>");
        if (s[0].startsWith("Heading") || s[0].equals("Title")) {
          xml.append("<w:keepNext/>");
        }
        xml.append("<w:spacing w:before=\"")
            .append(s[5])
            .append("\" w:after=\"")
            .append(s[6])
            .append("\"/>");
        if (!s[2].equals("-1")) {
          xml.append("<w:outlineLvl w:val=\"").append(s[2]).append("\"/>");
        }
        xml.append("</w:pPr><w:rPr>")
            .append(s[4].equals("true") ? "<w:b/>" : "")
            .append("<w:sz w:val=\"")
            .append(s[3])
            .append("\"/></w:rPr></w:style>");
      }
      xml.append("</w:styles>");
      CTStyles ct = StylesDocument.Factory.parse(xml.toString()).getStyles();
      XWPFStyles styles = doc.createStyles();
      styles.setStyles(ct);
    } catch (org.apache.xmlbeans.XmlException e) {
      throw new IllegalStateException("report.docx styles", e);
    }
  }

  /** The last section's page: A4 portrait, 2 cm margins. */
  private static void page(XWPFDocument doc) {
    page(doc.getDocument().getBody().addNewSectPr(), false);
  }

  private static void page(CTSectPr sect, boolean landscape) {
    CTPageSz size = sect.addNewPgSz();
    size.setW(BigInteger.valueOf(landscape ? A4_LONG : A4_SHORT));
    size.setH(BigInteger.valueOf(landscape ? A4_SHORT : A4_LONG));
    if (landscape) {
      size.setOrient(STPageOrientation.LANDSCAPE);
    }
    CTPageMar mar = sect.addNewPgMar();
    BigInteger m = BigInteger.valueOf(MARGIN);
    mar.setTop(m);
    mar.setBottom(m);
    mar.setLeft(m);
    mar.setRight(m);
  }

  /**
   * Ends a section at an empty paragraph: the section before it is landscape or portrait (Word
   * describes a section at its last paragraph).
   */
  private static void sectionEnd(XWPFDocument doc, boolean landscape) {
    XWPFParagraph p = doc.createParagraph();
    CTPPr pr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
    page(pr.addNewSectPr(), landscape);
  }

  private static void para(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    p.createRun().setText(text);
  }

  private static void superscript(XWPFParagraph p, String marks) {
    if (marks.isEmpty()) {
      return;
    }
    XWPFRun r = p.createRun();
    r.setVerticalAlignment("superscript");
    r.setText(marks);
  }

  private static void table(XWPFDocument doc, Table t, int textTwips) {
    int cols = t.columns().size() + 1;
    XWPFTable table = doc.createTable(1 + t.rows().size(), cols);
    CTTbl ct = table.getCTTbl();
    CTTblPr pr = ct.getTblPr() == null ? ct.addNewTblPr() : ct.getTblPr();
    pr.addNewTblLayout().setType(STTblLayoutType.FIXED);
    if (pr.getTblW() == null) {
      pr.addNewTblW();
    }
    pr.getTblW().setType(STTblWidth.DXA);
    pr.getTblW().setW(BigInteger.valueOf(textTwips));
    CTTblBorders borders = pr.isSetTblBorders() ? pr.getTblBorders() : pr.addNewTblBorders();
    border(borders.isSetTop() ? borders.getTop() : borders.addNewTop());
    border(borders.isSetBottom() ? borders.getBottom() : borders.addNewBottom());
    border(borders.isSetLeft() ? borders.getLeft() : borders.addNewLeft());
    border(borders.isSetRight() ? borders.getRight() : borders.addNewRight());
    border(borders.isSetInsideH() ? borders.getInsideH() : borders.addNewInsideH());
    border(borders.isSetInsideV() ? borders.getInsideV() : borders.addNewInsideV());
    // column widths: the tblGrid every reader needs, and each cell's width
    int[] widths = twips(t, textTwips);
    CTTblGrid grid = ct.getTblGrid() == null ? ct.addNewTblGrid() : ct.getTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    for (int w : widths) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
    }
    XWPFTableRow header = table.getRow(0);
    header.setRepeatHeader(true);
    header.setCantSplitRow(true);
    List<String> texts = t.headerTexts();
    for (int j = 0; j < cols; j++) {
      XWPFParagraph p =
          cell(header.getCell(j), widths[j], j > 0 && !t.columns().get(j - 1).words());
      XWPFRun r = p.createRun();
      r.setBold(true);
      r.setText(texts.get(j));
    }
    for (int i = 0; i < t.rows().size(); i++) {
      Row row = t.rows().get(i);
      XWPFTableRow tr = table.getRow(i + 1);
      tr.setCantSplitRow(true);
      XWPFParagraph label = cell(tr.getCell(0), widths[0], false);
      if (row.indent() > 0) {
        // a first-line indent: a left indent would read as a block quote to pandoc
        label.setIndentationFirstLine(220 * row.indent());
      }
      XWPFRun lr = label.createRun();
      lr.setItalic(row.heading());
      lr.setText(row.label());
      superscript(label, t.marks(row.notes()));
      for (int j = 0; j < row.cells().size(); j++) {
        Cell c = row.cells().get(j);
        XWPFParagraph p = cell(tr.getCell(j + 1), widths[j + 1], !t.columns().get(j).words());
        if (!c.text().isEmpty()) {
          p.createRun().setText(c.text());
        }
        superscript(p, t.marks(c.notes()));
      }
    }
  }

  private static void border(CTBorder b) {
    b.setVal(STBorder.SINGLE);
    b.setSz(BigInteger.valueOf(4));
    b.setSpace(BigInteger.ZERO);
    b.setColor("000000");
  }

  /** The cell's first paragraph in the table text style, the cell's width set. */
  private static XWPFParagraph cell(XWPFTableCell cell, int width, boolean right) {
    cell.setWidth(Integer.toString(width));
    cell.setWidthType(org.apache.poi.xwpf.usermodel.TableWidthType.DXA);
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("TableText");
    if (right) {
      p.setAlignment(ParagraphAlignment.RIGHT);
    }
    return p;
  }

  /** Column widths in twips: the LaTeX layout's widths scaled to the Word text width. */
  private static int[] twips(Table t, int textTwips) {
    double[] w = LatexFormat.widths(t, 8, 1, 12, textTwips / 20.0);
    double total = 0;
    for (double x : w) {
      total += x;
    }
    int[] out = new int[w.length];
    int sum = 0;
    for (int j = 0; j < w.length; j++) {
      out[j] = (int) Math.floor(textTwips * w[j] / total);
      sum += out[j];
    }
    out[0] += textTwips - sum;
    return out;
  }
}
