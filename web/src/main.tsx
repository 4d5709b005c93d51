// Entry point: loads the workspace's meta, then draws the header, the page for the path and the chat.

import { StrictMode, Suspense, lazy, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { AppContext, Link, LoadState, initialLang, setAsOfInAddress, useMeta, usePath, type AppState } from "./app";
import { signOut } from "./api";
import { STRINGS, type Lang } from "./i18n";
import { DraftPage } from "./pages/draft";
import { KeyResultPage } from "./pages/key-result";
import { OverviewPage } from "./pages/overview";
import { SummaryPage } from "./pages/summary";
import "./styles.css";

// The chat and the AI SDK client load after the page is drawn: most of the bytes, used by one panel.
const ChatPanel = lazy(() => import("./chat").then((m) => ({ default: m.ChatPanel })));

function Page({ path }: { path: string }) {
  const kr = /^\/kr\/(.+)$/.exec(path);
  if (kr) return <KeyResultPage refText={decodeURIComponent(kr[1]!)} />;
  if (path === "/summary") return <SummaryPage />;
  if (path === "/draft") return <DraftPage />;
  return <OverviewPage />;
}

function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [asOf, setAsOf] = useState<string | null>(() => new URLSearchParams(location.search).get("asOf"));
  const [chatOpen, setChatOpen] = useState(() => localStorage.getItem("okr-chat") !== "closed");
  const meta = useMeta();
  const path = usePath();
  const t = STRINGS[lang];
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appName;
  }, [lang, t]);
  const setLang = (l: Lang) => {
    localStorage.setItem("okr-lang", l);
    setLangState(l);
  };
  const toggleChat = (open: boolean) => {
    localStorage.setItem("okr-chat", open ? "open" : "closed");
    setChatOpen(open);
  };
  const nav = useMemo(
    () => [
      { to: "/", label: t.navOverview, current: path === "/" || path.startsWith("/kr/") },
      { to: "/summary", label: t.navSummary, current: path === "/summary" },
      { to: "/draft", label: t.navDraft, current: path === "/draft" },
    ],
    [t, path],
  );
  if (meta.state !== "ready")
    return (
      <LoadState load={meta} t={t}>
        {() => null}
      </LoadState>
    );
  const m = meta.data;
  const state: AppState = { lang, t, setLang, meta: m, asOf: asOf ?? m.today, setAsOf };
  return (
    <AppContext.Provider value={state}>
      <div className={`layout${chatOpen ? " with-chat" : ""}`}>
        <header className="top">
          <Link to="/" className="brand">
            {t.appName}
          </Link>
          <nav aria-label="Pages">
            {nav.map((n) => (
              <Link key={n.to} to={n.to} className={n.current ? "current" : undefined}>
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="controls">
            <label>
              {t.asOf}{" "}
              <input
                type="date"
                value={state.asOf}
                onChange={(e) => {
                  if (!e.target.value) return;
                  // Today is the default: the address only carries another date.
                  setAsOfInAddress(e.target.value === m.today ? null : e.target.value);
                  setAsOf(e.target.value);
                }}
              />
            </label>
            <label>
              <span className="sr-only">{t.language}</span>
              <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t.language}>
                <option value="en">English</option>
                <option value="vi">Tiếng Việt</option>
              </select>
            </label>
            {m.signIn && (
              <>
                <span className="who">
                  {m.you.name} · {t.roles[m.you.role]}
                  {m.you.teams.length ? ` (${m.you.teams.join(", ")})` : ""}
                </span>
                <button type="button" onClick={() => void signOut()}>
                  {t.signOut}
                </button>
              </>
            )}
            {!chatOpen && (
              <button type="button" onClick={() => toggleChat(true)}>
                {t.openChat}
              </button>
            )}
          </div>
        </header>
        <main>
          <Page path={path} />
        </main>
        {chatOpen && (
          <Suspense fallback={<aside className="chat muted">{t.loading}</aside>}>
            <ChatPanel onClose={() => toggleChat(false)} />
          </Suspense>
        )}
      </div>
    </AppContext.Provider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
