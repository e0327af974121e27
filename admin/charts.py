"""Charts drawn on the server as inline SVG: no JavaScript library, no CDN, readable without a network."""
from markupsafe import Markup, escape

BAR_COLOUR = "#2f6f9f"


def hbars(rows, width=420, bar_height=18, label_width=150):
    """Horizontal bars for [(label, value), …], largest first: for "by province" and "by trade"."""
    rows = [(str(label), int(value)) for label, value in rows]
    if not rows:
        return Markup('<p class="text-muted">No data yet.</p>')
    top = max(value for _, value in rows) or 1
    plot = width - label_width - 40
    height = len(rows) * (bar_height + 4)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + 4)
        length = max(1, round(plot * value / top)) if value else 0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end" font-size="12">'
            f"{escape(label[:24])}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{BAR_COLOUR}">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text x="{label_width + length + 4}" y="{y + bar_height - 5}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(rows, width=640, height=180, colour=BAR_COLOUR):
    """Vertical bars for [(day label, value), …] in time order: for "per day"."""
    rows = [(str(label), int(value)) for label, value in rows]
    if not rows:
        return Markup('<p class="text-muted">No data yet.</p>')
    top = max(value for _, value in rows) or 1
    plot_height = height - 30
    step = width / len(rows)
    bar = max(2, step * 0.7)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="0" y1="{plot_height}" x2="{width}" y2="{plot_height}" stroke="#999"/>',
        f'<text x="2" y="12" font-size="11" fill="#555">max {top}</text>',
    ]
    for index, (label, value) in enumerate(rows):
        x = index * step + (step - bar) / 2
        h = round(plot_height * value / top)
        parts.append(
            f'<rect x="{x:.1f}" y="{plot_height - h}" width="{bar:.1f}" height="{h}" fill="{colour}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if index % max(1, len(rows) // 6) == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="11" fill="#555">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
