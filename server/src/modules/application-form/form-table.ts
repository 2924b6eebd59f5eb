/**
 * A bordered form table drawn with pdfkit: rows of label/value cells whose text wraps inside its
 * cell and makes the row as tall as it needs, groups of rows with a section title down the left
 * and an optional box spanning the group on the right (the photo). A row that does not fit on the
 * page goes to the next one; nothing is ever drawn past a cell's border.
 */

export const FONT = 'cjk';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextStyle {
  size: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/** One cell: a label (centred), a value (left), or drawn content. Widths are in points. */
export interface Cell {
  width: number;
  text?: string;
  style?: TextStyle;
  /** Least height of the row because of this cell (e.g. room to write by hand). */
  minHeight?: number;
  /** Draws the cell's content inside its box (after its border), instead of `text`. */
  draw?: (doc: PDFKit.PDFDocument, box: Box) => void;
}

export const PADDING_X = 4;
export const PADDING_Y = 3;
const LINE_GAP = 1.5;
const INNER_LINE = 0.5;
const OUTER_LINE = 1.2;

export const labelStyle: TextStyle = { size: 9.5, align: 'center' };
export const valueStyle: TextStyle = { size: 10.5, align: 'left' };

/** Height of `text` wrapped to `width` in the given style. */
export function textHeight(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  style: TextStyle,
): number {
  if (text === '') return 0;
  doc.font(FONT).fontSize(style.size);
  return doc.heightOfString(text, { width, lineGap: LINE_GAP });
}

/** Draws `text` wrapped inside `box` (padding included), centred vertically. */
export function drawText(doc: PDFKit.PDFDocument, text: string, box: Box, style: TextStyle): void {
  if (text === '') return;
  const width = box.width - 2 * PADDING_X;
  const height = textHeight(doc, text, width, style);
  const y = box.y + Math.max(PADDING_Y, (box.height - height) / 2);
  doc
    .fillColor(style.color ?? '#000000')
    .font(FONT)
    .fontSize(style.size)
    .text(text, box.x + PADDING_X, y, {
      width,
      lineGap: LINE_GAP,
      align: style.align ?? 'left',
      lineBreak: true,
    });
  doc.fillColor('#000000');
}

/** Draws text with a thin outline of its own colour: a bold look from the one regular font. */
export function drawBoldText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  options: { width: number; size: number; align?: 'left' | 'center' | 'right' },
): void {
  doc
    .save()
    .font(FONT)
    .fontSize(options.size)
    .lineWidth(options.size / 40)
    .fillColor('#000000')
    .strokeColor('#000000')
    .text(text, x, y, {
      width: options.width,
      align: options.align ?? 'left',
      fill: true,
      stroke: true,
      lineBreak: false,
    })
    .restore();
}

/**
 * A section title written downwards, one character a line, spread over the box's height (as on
 * printed forms) and smaller only when the box is too short for it.
 */
function drawStackedTitle(doc: PDFKit.PDFDocument, title: string, box: Box): void {
  const characters = Array.from(title);
  const room = box.height - 2 * PADDING_Y;
  const size = Math.min(10.5, room / characters.length / 1.15);
  const step = Math.min(size * 2.2, room / characters.length);
  const top = box.y + (box.height - step * characters.length) / 2 + (step - size) / 2;
  doc.font(FONT).fontSize(size).fillColor('#000000');
  characters.forEach((character, i) => {
    doc.text(character, box.x, top + i * step, {
      width: box.width,
      align: 'center',
      lineBreak: false,
    });
  });
}

function cellHeight(doc: PDFKit.PDFDocument, cell: Cell): number {
  const text = cell.text ?? '';
  const own = text
    ? textHeight(doc, text, cell.width - 2 * PADDING_X, cell.style ?? valueStyle) + 2 * PADDING_Y
    : 0;
  return Math.max(own, cell.minHeight ?? 0);
}

/** A group of rows: a stacked title on the left, the rows, and an optional box on the right. */
export interface Group {
  /** Printed one character a line down the left column, e.g. 基本信息. */
  title?: string;
  rows: Cell[][];
  /** A box beside all rows of the group, e.g. the photo; the rows stretch to its least height. */
  side?: { width: number; minHeight: number; draw: (doc: PDFKit.PDFDocument, box: Box) => void };
}

export class FormTable {
  private y: number;
  /** Where the table's current part started on this page, for its outer border. */
  private partTop: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly x: number,
    top: number,
    readonly width: number,
    private readonly titleWidth: number,
    private readonly minRowHeight: number,
    /** Printed at the top of every further page, e.g. the title and the registration number. */
    private readonly continuationHeader = '',
  ) {
    this.y = top;
    this.partTop = top;
  }

  /** Where the next row would start. */
  get bottom(): number {
    return this.y;
  }

  /** Width left for the cells of a group's rows. */
  innerWidth(group: { title?: string; sideWidth?: number }): number {
    return this.width - (group.title ? this.titleWidth : 0) - (group.sideWidth ?? 0);
  }

  private pageBottom(): number {
    const page = this.doc.page;
    return page.height - page.margins.bottom;
  }

  /** Closes the table's part on this page with its outer border. */
  private closePart(): void {
    if (this.y > this.partTop) {
      this.doc
        .lineWidth(OUTER_LINE)
        .strokeColor('#000000')
        .rect(this.x, this.partTop, this.width, this.y - this.partTop)
        .stroke();
    }
  }

  private ensureRoom(height: number): void {
    if (this.y + height <= this.pageBottom()) return;
    this.closePart();
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
    if (this.continuationHeader) {
      drawText(
        this.doc,
        this.continuationHeader,
        {
          x: this.x - PADDING_X,
          y: this.y - PADDING_Y,
          width: this.width + 2 * PADDING_X,
          height: 18,
        },
        { size: 9, align: 'left' },
      );
      this.y += 18;
    }
    this.partTop = this.y;
  }

  private rowHeight(cells: Cell[]): number {
    return Math.max(this.minRowHeight, ...cells.map((c) => cellHeight(this.doc, c)));
  }

  private drawCells(cells: Cell[], x: number, y: number, height: number): void {
    let cx = x;
    for (const cell of cells) {
      const box = { x: cx, y, width: cell.width, height };
      this.doc
        .lineWidth(INNER_LINE)
        .strokeColor('#000000')
        .rect(box.x, box.y, box.width, box.height)
        .stroke();
      if (cell.draw) cell.draw(this.doc, box);
      else if (cell.text) drawText(this.doc, cell.text, box, cell.style ?? valueStyle);
      cx += cell.width;
    }
  }

  /** One row across the whole table. */
  row(cells: Cell[]): void {
    const height = this.rowHeight(cells);
    this.ensureRoom(height);
    this.drawCells(cells, this.x, this.y, height);
    this.y += height;
  }

  /**
   * A group of rows. A group with a side box is kept on one page; a group without one may break
   * between rows (its title is then repeated on the next page).
   */
  group(group: Group): void {
    const heights = group.rows.map((cells) => this.rowHeight(cells));
    if (group.side) {
      const total = heights.reduce((a, b) => a + b, 0);
      const extra = Math.max(0, group.side.minHeight - total);
      const stretched = heights.map((h) => h + extra / heights.length);
      this.ensureRoom(Math.max(total, group.side.minHeight));
      this.drawGroupPart(group, group.rows, stretched);
      return;
    }
    let start = 0;
    while (start < group.rows.length) {
      this.ensureRoom(heights[start] ?? 0);
      let end = start;
      let used = 0;
      while (end < group.rows.length && this.y + used + (heights[end] ?? 0) <= this.pageBottom()) {
        used += heights[end] ?? 0;
        end += 1;
      }
      end = Math.max(end, start + 1); // a row taller than a page still gets drawn (and clipped)
      this.drawGroupPart(group, group.rows.slice(start, end), heights.slice(start, end));
      start = end;
    }
  }

  private drawGroupPart(group: Group, rows: Cell[][], heights: number[]): void {
    const total = heights.reduce((a, b) => a + b, 0);
    let x = this.x;
    if (group.title) {
      const box = { x, y: this.y, width: this.titleWidth, height: total };
      this.doc.lineWidth(INNER_LINE).rect(box.x, box.y, box.width, box.height).stroke();
      drawStackedTitle(this.doc, group.title, box);
      x += this.titleWidth;
    }
    let y = this.y;
    rows.forEach((cells, i) => {
      const height = heights[i] ?? 0;
      this.drawCells(cells, x, y, height);
      y += height;
    });
    if (group.side) {
      const innerWidth = rows[0]?.reduce((sum, c) => sum + c.width, 0) ?? 0;
      const box = { x: x + innerWidth, y: this.y, width: group.side.width, height: total };
      this.doc.lineWidth(INNER_LINE).rect(box.x, box.y, box.width, box.height).stroke();
      group.side.draw(this.doc, box);
    }
    this.y += total;
  }

  /** Ends the table: draws the outer border of its last part. */
  end(): void {
    this.closePart();
    this.partTop = this.y;
  }
}
