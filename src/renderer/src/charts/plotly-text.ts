// Plotly draws names with its own small markup (<b>, <br>, <a href>), so anything that
// came from a phone or a file is escaped before it reaches a chart.
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/%\{/g, '%&#123;');
}
