// The chart's series colours: the tests look for them in the drawn canvas.
export const CHART_COLORS = { checkIns: "#1d4ed8", pace: "#6b7280", forecast: "#c2410c" };
