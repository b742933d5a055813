export interface BannerSettings {
  text: string;
  textColor: string;
  backgroundColor: string;
}

/** The administrator's system banner, shown at the top and bottom of every page when set. */
export function SystemBanner({
  banner,
  position,
}: {
  banner: BannerSettings | null;
  position: 'top' | 'bottom';
}) {
  if (!banner?.text) return null;
  return (
    <div
      role="note"
      aria-label={`System banner (${position})`}
      className="px-4 py-1.5 text-center text-sm font-medium"
      style={{ color: banner.textColor, backgroundColor: banner.backgroundColor }}
    >
      {banner.text}
    </div>
  );
}
