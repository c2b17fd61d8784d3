// One line of text standing for a message: the chat list's preview and the media panel's rows.
export function previewOf(m) {
  if (m.deleted) return 'Message deleted';
  const kinds = { image: 'Photo', video: 'Video', audio: 'Audio', file: 'File' };
  return (m.content && m.content.trim()) || kinds[m.type] || '';
}
